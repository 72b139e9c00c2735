package report

import (
	"image/color"
	"math"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

// tripsPoint is one year of the trips chart: delegation trips taken and the fewest
// possible, summed over the states (year_coherence, theme any).
type tripsPoint struct {
	Year          int
	Trips, Fewest float64
}

// tripsSeries is the trips chart's points, one per year.
func tripsSeries(byYear map[int]map[string]yearRow, years []int) []tripsPoint {
	out := make([]tripsPoint, 0, len(years))
	for _, y := range years {
		all := byYear[y]["any"]
		out = append(out, tripsPoint{Year: y, Trips: all.trips, Fewest: all.lower})
	}
	return out
}

// countTicks labels round counts (the default ticker writes 500.00), in the
// report's number format.
func countTicks(l Lang) plot.Ticker {
	return plot.TickerFunc(func(min, max float64) []plot.Tick {
		var out []plot.Tick
		for _, t := range (plot.DefaultTicks{}).Ticks(min, max) {
			if t.Label != "" {
				t.Label = l.Int(int64(math.Round(t.Value)))
			}
			out = append(out, t)
		}
		return out
	})
}

// tripsChart draws, per year, the delegation trips taken and the fewest possible:
// the absolute quantities the coherence index is a ratio of, led with before it.
// The gap between the two lines is the trips a coherent calendar could have saved.
func tripsChart(l Lang, period Period, pts []tripsPoint) ([]byte, error) {
	p := newPlot()
	p.X.Label.Text = l.T("chart.year")
	p.Y.Label.Text = l.T("chart.trips")
	top := 0.0
	for _, pt := range pts {
		top = max(top, pt.Trips, pt.Fewest)
	}
	// Headroom above the highest year for the legend, which sits top left.
	p.Y.Min, p.Y.Max = 0, top*1.3+1
	p.Y.Tick.Marker = countTicks(l)
	p.X.Min, p.X.Max = float64(pts[0].Year)-0.5, float64(max(pts[len(pts)-1].Year, period.To))+0.5
	p.X.Tick.Marker = yearTicks(1, 5)
	p.Add(&band{from: float64(period.From) - 0.5, to: float64(period.To) + 0.5}, plotter.NewGrid())
	for _, s := range []struct {
		label  string
		get    func(tripsPoint) float64
		c      color.Color
		dashes []vg.Length
	}{
		{l.T("chart.trips_taken"), func(t tripsPoint) float64 { return t.Trips }, instrumentColors["APMBC"], nil},
		{l.T("chart.trips_fewest"), func(t tripsPoint) float64 { return t.Fewest }, b2bColor, []vg.Length{vg.Points(5), vg.Points(2)}},
	} {
		xys := make(plotter.XYs, len(pts))
		for i, pt := range pts {
			xys[i] = plotter.XY{X: float64(pt.Year), Y: s.get(pt)}
		}
		line, scatter, err := plotter.NewLinePoints(xys)
		if err != nil {
			return nil, err
		}
		line.LineStyle = draw.LineStyle{Color: s.c, Width: vg.Points(1.5), Dashes: s.dashes}
		scatter.GlyphStyle = draw.GlyphStyle{Color: s.c, Radius: vg.Points(2), Shape: draw.CircleGlyph{}}
		p.Add(line, scatter)
		p.Legend.Add(s.label, line, scatter)
	}
	p.Legend.Top = true
	p.Legend.Left = true
	p.Legend.XOffs = vg.Points(8)
	p.Legend.Padding = vg.Points(3)
	return render(vg.Points(760), vg.Points(300), func(dc draw.Canvas) { p.Draw(dc) })
}
