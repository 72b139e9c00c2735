package report

import (
	"bytes"
	"fmt"
	"image/color"
	"math"
	"regexp"
	"slices"
	"time"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/font"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/text"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
	"gonum.org/v1/plot/vg/vgsvg"
)

// chartFont is the face every chart uses. WriteHTML embeds it once for the page
// (see fontFace), so the SVGs themselves name it without embedding it.
var chartFont = font.Font{Typeface: "Liberation", Variant: "Sans"}

// Colours: instruments in Paul Tol's muted scheme (colour-blind safe), pair marks
// in red (clash) and green (back to back).
var (
	instrumentColors = map[string]color.Color{
		"APMBC":    rgb(0x33, 0x22, 0x88),
		"CCM":      rgb(0x88, 0xcc, 0xee),
		"CCW":      rgb(0xdd, 0xcc, 0x77),
		"CCW-APII": rgb(0xaa, 0x44, 0x99),
		"CCW-PV":   rgb(0x99, 0x99, 0x33),
		"ATT":      rgb(0x77, 0x77, 0x77),
		"CRPD":     rgb(0xbb, 0xbb, 0xbb),
	}
	clashColor  = rgb(0xd6, 0x27, 0x28)
	b2bColor    = rgb(0x1a, 0x98, 0x50)
	periodShade = color.NRGBA{R: 0xff, G: 0xe0, B: 0x80, A: 0x60}
	ink         = rgb(0x22, 0x22, 0x22)
)

func rgb(r, g, b uint8) color.Color { return color.NRGBA{R: r, G: g, B: b, A: 0xff} }

func instrumentColor(id string) color.Color {
	if c, ok := instrumentColors[id]; ok {
		return c
	}
	return rgb(0x55, 0x55, 0x55)
}

// Chart text sizes in points. A 760-point chart is drawn at about 1:1 on screen and
// shrunk to about two thirds on an A4 page, so no text is below 10 points here:
// printed, the smallest is near 7 points.
const (
	titleSize  = 13
	labelSize  = 12
	tickSize   = 11
	legendSize = 11
	markSize   = 10 // bar labels and the small multiples' titles
)

// newPlot returns a plot whose every text uses chartFont.
func newPlot() *plot.Plot {
	p := plot.New()
	set := func(s *text.Style, size vg.Length) {
		s.Font = font.From(chartFont, size)
		s.Color = ink
	}
	set(&p.Title.TextStyle, titleSize)
	set(&p.X.Label.TextStyle, labelSize)
	set(&p.Y.Label.TextStyle, labelSize)
	set(&p.X.Tick.Label, tickSize)
	set(&p.Y.Tick.Label, tickSize)
	set(&p.Legend.TextStyle, legendSize)
	return p
}

var xmlHeader = regexp.MustCompile(`(?s)^<\?xml[^>]*\?>\s*<!--.*?-->\s*`)

// render runs paint (which draws a plot or a grid of plots) on a w×h SVG canvas and returns the
// <svg> element, without XML prolog, for inlining in HTML.
func render(w, h vg.Length, paint func(dc draw.Canvas)) ([]byte, error) {
	c := vgsvg.New(w, h)
	paint(draw.New(c))
	var buf bytes.Buffer
	if _, err := c.WriteTo(&buf); err != nil {
		return nil, err
	}
	return xmlHeader.ReplaceAll(buf.Bytes(), nil), nil
}

// day is a date as days since 1970-01-01, the timeline's x unit.
func day(s string) (float64, error) {
	t, err := time.Parse(time.DateOnly, s)
	if err != nil {
		return 0, err
	}
	return float64(t.Unix() / 86400), nil
}

func yearStart(y int) float64 {
	return float64(time.Date(y, 1, 1, 0, 0, 0, 0, time.UTC).Unix() / 86400)
}

// timelineChart draws the Rec 8 timeline: one lane per instrument, a bar per meeting
// from its first to its last day, and a connector per marked pair (red: clash,
// green: back to back; dashed when both instruments are of one family).
func timelineChart(l Lang, period Period, meetings []timelineMeeting, pairs []timelinePair) ([]byte, error) {
	var lanes []string
	for _, m := range meetings {
		if !slices.Contains(lanes, m.Instrument) {
			lanes = append(lanes, m.Instrument)
		}
	}
	slices.Sort(lanes)
	lane := map[string]float64{}
	for i, id := range lanes {
		lane[id] = float64(len(lanes) - 1 - i) // first instrument on top
	}
	tp := &timelinePlotter{lanes: lane, pairs: pairs, meetingAt: map[string]int{}}
	for i, m := range meetings {
		s, err := day(m.Start)
		if err != nil {
			return nil, fmt.Errorf("meeting %s start: %w", m.ID, err)
		}
		e, err := day(m.End)
		if err != nil {
			return nil, fmt.Errorf("meeting %s end: %w", m.ID, err)
		}
		tp.bars = append(tp.bars, bar{id: m.ID, label: m.Code, instrument: m.Instrument, start: s, end: e + 1})
		tp.meetingAt[m.ID] = i
	}
	tp.xmin, tp.xmax = yearStart(period.From), yearStart(period.To+1)

	p := newPlot()
	p.X.Min, p.X.Max = tp.xmin, tp.xmax
	p.Y.Min, p.Y.Max = -0.6, float64(len(lanes))+0.3 // headroom above the first lane for the legend
	p.Add(tp)
	var ticks []plot.Tick
	for _, id := range lanes {
		ticks = append(ticks, plot.Tick{Value: lane[id], Label: id})
	}
	p.Y.Tick.Marker = plot.ConstantTicks(ticks)
	p.X.Tick.Marker = plot.ConstantTicks(monthTicks(l, period))
	p.Add(&verticalGrid{ticks: monthTicks(l, period)})
	p.Legend.Top = true
	p.Legend.Left = false
	p.Legend.Padding = vg.Points(2)
	for _, e := range []struct {
		label  string
		c      color.Color
		dashes []vg.Length
	}{{l.T("chart.clash"), clashColor, nil}, {l.T("chart.b2b"), b2bColor, nil}, {l.T("chart.same_family"), ink, []vg.Length{vg.Points(3), vg.Points(2)}}} {
		ln := &plotter.Line{LineStyle: draw.LineStyle{Color: e.c, Width: vg.Points(2), Dashes: e.dashes}}
		p.Legend.Add(e.label, ln)
	}
	h := vg.Points(float64(90 + 40*len(lanes)))
	return render(vg.Points(760), h, func(dc draw.Canvas) { p.Draw(dc) })
}

func monthTicks(l Lang, period Period) []plot.Tick {
	var ticks []plot.Tick
	years := period.To - period.From + 1
	for y := period.From; y <= period.To; y++ {
		for m := 1; m <= 12; m++ {
			v := float64(time.Date(y, time.Month(m), 1, 0, 0, 0, 0, time.UTC).Unix() / 86400)
			label := l.Month(m)
			switch {
			case years > 1 && m == 1:
				label = fmt.Sprint(y)
			case years > 1 && years <= 3 && m%3 == 1:
			case years > 1:
				label = ""
			case m == 1:
				label = l.Month(m) + " " + fmt.Sprint(y)
			}
			ticks = append(ticks, plot.Tick{Value: v, Label: label})
		}
	}
	return ticks
}

type bar struct {
	id, label, instrument string
	start, end            float64 // days; end exclusive
}

type timelinePlotter struct {
	lanes      map[string]float64
	bars       []bar
	pairs      []timelinePair
	meetingAt  map[string]int
	xmin, xmax float64
}

func (t *timelinePlotter) DataRange() (xmin, xmax, ymin, ymax float64) {
	return t.xmin, t.xmax, -0.6, float64(len(t.lanes)) - 0.4
}

func (t *timelinePlotter) Plot(c draw.Canvas, p *plot.Plot) {
	trX, trY := p.Transforms(&c)
	half := (trY(1) - trY(0)) * 0.22
	labelStyle := p.X.Tick.Label
	labelStyle.Font = font.From(chartFont, markSize)
	labelStyle.XAlign = draw.XCenter
	rects := make([]vg.Rectangle, len(t.bars))
	for i, b := range t.bars {
		y := trY(t.lanes[b.instrument])
		x0, x1 := trX(b.start), trX(b.end)
		if x1-x0 < vg.Points(3) {
			mid := (x0 + x1) / 2
			x0, x1 = mid-vg.Points(1.5), mid+vg.Points(1.5)
		}
		r := vg.Rectangle{Min: vg.Point{X: x0, Y: y - half}, Max: vg.Point{X: x1, Y: y + half}}
		rects[i] = r
		c.FillPolygon(instrumentColor(b.instrument), corners(r))
		c.StrokeLines(draw.LineStyle{Color: ink, Width: vg.Points(0.5)}, append(corners(r), r.Min))
	}
	for _, pr := range t.pairs {
		ia, oka := t.meetingAt[pr.A]
		ib, okb := t.meetingAt[pr.B]
		if !oka || !okb {
			continue
		}
		ra, rb := rects[ia], rects[ib]
		col := b2bColor
		if pr.Relation == "clash" {
			col = clashColor
		}
		ls := draw.LineStyle{Color: col, Width: vg.Points(2)}
		if pr.SameFamily {
			ls.Dashes = []vg.Length{vg.Points(3), vg.Points(2)}
		}
		a := vg.Point{X: ra.Max.X, Y: (ra.Min.Y + ra.Max.Y) / 2}
		bpt := vg.Point{X: rb.Min.X, Y: (rb.Min.Y + rb.Max.Y) / 2}
		if pr.Relation == "clash" {
			a.X = (ra.Min.X + ra.Max.X) / 2
			bpt.X = (rb.Min.X + rb.Max.X) / 2
		}
		c.StrokeLines(ls, []vg.Point{a, bpt})
		for _, pt := range []vg.Point{a, bpt} {
			c.DrawGlyph(draw.GlyphStyle{Color: col, Radius: vg.Points(2.5), Shape: draw.CircleGlyph{}}, pt)
		}
	}
	// Labels last, on a white ground so connectors never hide them; a label that
	// would overlap the previous one of its lane goes below the bar instead.
	lastRight := map[string]vg.Length{}
	for i, b := range t.bars {
		r := rects[i]
		st := labelStyle
		pt := vg.Point{X: (r.Min.X + r.Max.X) / 2, Y: r.Max.Y + vg.Points(2)}
		st.YAlign = draw.YBottom
		w := st.Width(b.label)
		if right, ok := lastRight[b.instrument]; ok && pt.X-w/2 < right+vg.Points(2) {
			pt.Y = r.Min.Y - vg.Points(2)
			st.YAlign = draw.YTop
		} else {
			lastRight[b.instrument] = pt.X + w/2
		}
		box := st.Rectangle(b.label).Add(pt)
		c.FillPolygon(color.NRGBA{R: 0xff, G: 0xff, B: 0xff, A: 0xd8}, corners(box))
		c.FillText(st, pt, b.label)
	}
}

func corners(r vg.Rectangle) []vg.Point {
	return []vg.Point{r.Min, {X: r.Max.X, Y: r.Min.Y}, r.Max, {X: r.Min.X, Y: r.Max.Y}}
}

// verticalGrid draws light vertical lines at the given ticks.
type verticalGrid struct{ ticks []plot.Tick }

func (g *verticalGrid) Plot(c draw.Canvas, p *plot.Plot) {
	trX, _ := p.Transforms(&c)
	for _, t := range g.ticks {
		x := trX(t.Value)
		if x < c.Min.X || x > c.Max.X {
			continue
		}
		c.StrokeLine2(draw.LineStyle{Color: rgb(0xe4, 0xe4, 0xe4), Width: vg.Points(0.5)}, x, c.Min.Y, x, c.Max.Y)
	}
}

// band shades the x range [from, to] over the whole plot height.
type band struct{ from, to float64 }

func (b *band) Plot(c draw.Canvas, p *plot.Plot) {
	trX, _ := p.Transforms(&c)
	x0, x1 := trX(b.from), trX(b.to)
	c.FillPolygon(periodShade, []vg.Point{{X: x0, Y: c.Min.Y}, {X: x1, Y: c.Min.Y}, {X: x1, Y: c.Max.Y}, {X: x0, Y: c.Max.Y}})
}

// defined reports whether an index is defined: NaN marks a year whose index is
// undefined (nothing could be gained), which the chart leaves out rather than
// plotting as 0 or 1.
func defined(v float64) (float64, bool) { return v, !math.IsNaN(v) }

// coherencePoint is one year of the coherence chart.
type coherencePoint struct {
	Year               int
	Any, Clearance, VA float64
	Share              any // nil when the year had no meeting
}

// ratioTicks labels 0, 0.25, …, 1 in language l, leaving the headroom above 1 (where
// the legend sits) unlabelled.
func ratioTicks(l Lang) plot.Ticker {
	return plot.TickerFunc(func(min, max float64) []plot.Tick {
		var ts []plot.Tick
		for v := 0.0; v <= 1.0001; v += 0.25 {
			ts = append(ts, plot.Tick{Value: v, Label: l.Float(v, 2)})
		}
		return ts
	})
}

// yearTicks marks every minor-th year and labels (never digit-grouped) every
// label-th.
func yearTicks(minor, label int) plot.Ticker {
	return plot.TickerFunc(func(min, max float64) []plot.Tick {
		var ts []plot.Tick
		for y := int(math.Ceil(min)); float64(y) <= max; y++ {
			switch {
			case y%label == 0:
				ts = append(ts, plot.Tick{Value: float64(y), Label: fmt.Sprint(y)})
			case y%minor == 0:
				ts = append(ts, plot.Tick{Value: float64(y)})
			}
		}
		return ts
	})
}

// coherenceChart draws the coherence index (either theme, clearance, victim
// assistance) and the share of meetings with a back-to-back partner by year, the
// report's period shaded.
func coherenceChart(l Lang, period Period, pts []coherencePoint) ([]byte, error) {
	p := newPlot()
	p.X.Label.Text = l.T("chart.year")
	p.Y.Label.Text = l.T("chart.index")
	p.Y.Min, p.Y.Max = 0, 1.3
	p.X.Min, p.X.Max = float64(pts[0].Year)-0.5, float64(max(pts[len(pts)-1].Year, period.To))+0.5
	p.Y.Tick.Marker = ratioTicks(l)
	p.X.Tick.Marker = yearTicks(1, 5)
	p.Add(&band{from: float64(period.From) - 0.5, to: float64(period.To) + 0.5}, plotter.NewGrid())
	series := []struct {
		label  string
		get    func(coherencePoint) (float64, bool)
		c      color.Color
		w      vg.Length
		dashes []vg.Length
	}{
		{l.T("chart.coh_any"), func(c coherencePoint) (float64, bool) { return defined(c.Any) }, rgb(0xaa, 0xaa, 0xaa), 5, nil},
		{l.T("chart.coh_clear"), func(c coherencePoint) (float64, bool) { return defined(c.Clearance) }, instrumentColors["APMBC"], 1.5, nil},
		{l.T("chart.coh_va"), func(c coherencePoint) (float64, bool) { return defined(c.VA) }, rgb(0xe6, 0x9f, 0x00), 1.5, []vg.Length{vg.Points(5), vg.Points(2)}},
		{l.T("chart.share_b2b"), func(c coherencePoint) (float64, bool) { f, ok := toFloat(c.Share); return f, ok }, b2bColor, 1.5, []vg.Length{vg.Points(1), vg.Points(2)}},
	}
	for _, s := range series {
		var xys plotter.XYs
		for _, pt := range pts {
			if v, ok := s.get(pt); ok {
				xys = append(xys, plotter.XY{X: float64(pt.Year), Y: v})
			}
		}
		if len(xys) == 0 {
			continue
		}
		line, scatter, err := plotter.NewLinePoints(xys)
		if err != nil {
			return nil, err
		}
		line.LineStyle = draw.LineStyle{Color: s.c, Width: vg.Points(float64(s.w)), Dashes: s.dashes}
		scatter.GlyphStyle = draw.GlyphStyle{Color: s.c, Radius: vg.Points(2), Shape: draw.CircleGlyph{}}
		p.Add(line, scatter)
		p.Legend.Add(s.label, line, scatter)
	}
	p.Legend.Top = true
	p.Legend.Left = true
	p.Legend.XOffs = vg.Points(8)
	p.Legend.Padding = vg.Points(3)
	return render(vg.Points(760), vg.Points(330), func(dc draw.Canvas) { p.Draw(dc) })
}

// ramp is a sequential palette from light to dark blue (ColorBrewer Blues ends).
type ramp []color.Color

func (r ramp) Colors() []color.Color { return r }

func blues(n int) ramp {
	from, to := [3]float64{0xf7, 0xfb, 0xff}, [3]float64{0x08, 0x30, 0x6b}
	out := make(ramp, n)
	for i := range out {
		t := float64(i) / float64(n-1)
		c := [3]uint8{}
		for k := range c {
			c[k] = uint8(math.Round(from[k] + t*(to[k]-from[k])))
		}
		out[i] = rgb(c[0], c[1], c[2])
	}
	return out
}

// matrixGrid adapts a square matrix to plotter.GridXYZ, row 0 on top.
type matrixGrid struct{ m [][]float64 }

func (g matrixGrid) Dims() (c, r int)   { return len(g.m), len(g.m) }
func (g matrixGrid) Z(c, r int) float64 { return g.m[len(g.m)-1-r][c] }
func (g matrixGrid) X(c int) float64    { return float64(c) }
func (g matrixGrid) Y(r int) float64    { return float64(r) }

// heatmapChart draws the instrument × instrument Jaccard matrix with each cell's
// value written in it; the diagonal (and any missing pair) is left grey.
func heatmapChart(l Lang, ids []string, m [][]float64) ([]byte, error) {
	n := len(ids)
	p := newPlot()
	h := plotter.NewHeatMap(matrixGrid{m}, blues(101))
	h.Min, h.Max = 0, 1
	h.NaN = rgb(0xee, 0xee, 0xee)
	p.Add(h)
	var xt, yt []plot.Tick
	for i, id := range ids {
		xt = append(xt, plot.Tick{Value: float64(i), Label: id})
		yt = append(yt, plot.Tick{Value: float64(n - 1 - i), Label: id})
	}
	p.X.Tick.Marker = plot.ConstantTicks(xt)
	p.Y.Tick.Marker = plot.ConstantTicks(yt)
	p.X.Tick.Length, p.Y.Tick.Length = 0, 0
	p.X.LineStyle.Width, p.Y.LineStyle.Width = 0, 0
	labels := &plotter.Labels{}
	for i := range ids {
		for j := range ids {
			v := m[i][j]
			if math.IsNaN(v) {
				continue
			}
			st := text.Style{Font: font.From(chartFont, labelSize), Color: ink, XAlign: draw.XCenter, YAlign: draw.YCenter,
				Handler: p.X.Tick.Label.Handler}
			if v > 0.6 {
				st.Color = color.White
			}
			labels.XYs = append(labels.XYs, plotter.XY{X: float64(j), Y: float64(n - 1 - i)})
			labels.Labels = append(labels.Labels, l.Float(v, 2))
			labels.TextStyle = append(labels.TextStyle, st)
		}
	}
	p.Add(labels)
	size := vg.Points(float64(70 + 52*n))
	return render(size+vg.Points(40), size, func(dc draw.Canvas) { p.Draw(dc) })
}

// trendChart draws one small panel per instrument pair: membership Jaccard by year
// on a common 0–1 scale, the report's period shaded; same-family pairs in grey.
func trendChart(l Lang, period Period, series []*pairSeries) ([]byte, error) {
	const cols = 6
	rows := (len(series) + cols - 1) / cols
	first, last := period.To, period.To
	for _, s := range series {
		first = min(first, s.Years[0])
		last = max(last, s.Years[len(s.Years)-1])
	}
	grid := make([][]*plot.Plot, rows)
	for i := range grid {
		grid[i] = make([]*plot.Plot, cols)
	}
	for i, s := range series {
		p := newPlot()
		p.Title.Text = l.T("fmt.pair", s.A, s.B)
		p.Title.TextStyle.Font = font.From(chartFont, markSize)
		p.Title.Padding = vg.Points(2)
		p.X.Tick.Label.Font = font.From(chartFont, markSize)
		p.Y.Tick.Label.Font = font.From(chartFont, markSize)
		p.X.Min, p.X.Max = float64(first)-0.5, float64(last)+0.5
		p.Y.Min, p.Y.Max = 0, 1
		p.Y.Tick.Marker = plot.TickerFunc(func(min, max float64) []plot.Tick {
			return []plot.Tick{{Value: 0, Label: l.Float(0, 1)}, {Value: 0.5, Label: l.Float(0.5, 1)}, {Value: 1, Label: l.Float(1, 1)}}
		})
		p.X.Tick.Marker = yearTicks(5, 10)
		p.Add(&band{from: float64(period.From) - 0.5, to: float64(period.To) + 0.5})
		xys := make(plotter.XYs, len(s.Years))
		for k := range s.Years {
			xys[k] = plotter.XY{X: float64(s.Years[k]), Y: s.Jaccard[k]}
		}
		line, err := plotter.NewLine(xys)
		if err != nil {
			return nil, err
		}
		line.LineStyle = draw.LineStyle{Color: instrumentColors["APMBC"], Width: vg.Points(1.5)}
		if s.SameFamily {
			line.LineStyle.Color = rgb(0x99, 0x99, 0x99)
			line.LineStyle.Dashes = []vg.Length{vg.Points(3), vg.Points(2)}
		}
		p.Add(line)
		grid[i/cols][i%cols] = p
	}
	tileH := vg.Points(124)
	w, h := vg.Points(760), tileH*vg.Length(rows)
	return render(w, h, func(dc draw.Canvas) {
		tiles := draw.Tiles{Rows: rows, Cols: cols, PadX: vg.Points(6), PadY: vg.Points(6),
			PadTop: vg.Points(4), PadBottom: vg.Points(4), PadLeft: vg.Points(4), PadRight: vg.Points(4)}
		canvases := plot.Align(grid, tiles, dc)
		for i := range grid {
			for j := range grid[i] {
				if grid[i][j] != nil {
					grid[i][j].Draw(canvases[i][j])
				}
			}
		}
	})
}
