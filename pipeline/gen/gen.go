package gen

import (
	"bufio"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"math"
	"math/rand/v2"
	"sort"
	"strconv"
	"strings"
	"time"

	"synergy/pipeline/treaty"
)

// Options say how much to generate.
type Options struct {
	// Scale multiplies the real data's meetings and agendas (see the package
	// comment); 1 is about today's data, 1000 about 130,000 meetings. It must be > 0.
	Scale float64
	// Seed picks the random stream; the same seed gives the same bytes.
	Seed uint64
}

// Sink creates the generated files. name is slash-separated and relative to the
// output folder; Generate closes every writer it gets.
type Sink interface {
	Create(name string) (io.WriteCloser, error)
}

// Stats counts what Generate wrote.
type Stats struct {
	Meetings      int   `json:"meetings"`
	UpdateRows    int   `json:"update_rows"`
	AgendaFiles   int   `json:"agenda_files"`
	AgendaItems   int   `json:"agenda_items"` // numbered and lettered items
	Participation int   `json:"participation_rows"`
	FirstYear     int   `json:"first_year"`
	LastYear      int   `json:"last_year"`
	Files         int   `json:"files"`
	Bytes         int64 `json:"bytes"`
}

// ErrScale is returned for a scale that is not a positive finite number.
var ErrScale = errors.New("gen: scale must be a positive number")

// Langs are the six UN languages agendas are generated in, with the probability
// that a meeting has an agenda in each.
var Langs = []struct {
	Code string
	P    float64
}{{"en", 0.85}, {"fr", 0.25}, {"es", 0.2}, {"ru", 0.12}, {"ar", 0.08}, {"zh", 0.08}}

// Generate reads the real datasets folder ref (for its catalogues and
// distributions) and writes a synthetic folder of the same formats to out.
func Generate(ref fs.FS, out Sink, opt Options) (Stats, error) {
	if !(opt.Scale > 0) || math.IsInf(opt.Scale, 0) {
		return Stats{}, ErrScale
	}
	r, err := readReference(ref)
	if err != nil {
		return Stats{}, err
	}
	g := &generator{ref: r, out: out, rng: rand.New(rand.NewPCG(opt.Seed, 0x73796e65726779)), opt: opt}
	return g.run()
}

type generator struct {
	ref   *reference
	out   Sink
	rng   *rand.Rand
	opt   Options
	stats Stats
}

type meeting struct {
	body               body
	start              time.Time
	days               int
	code, id           string
	startText, endText string
	city, country      string
	president, status  string
	flags              [5]string
	title              string
	ordinal            int
}

const firstYear = 1999

func (g *generator) run() (Stats, error) {
	names := make([]string, 0, len(g.ref.files))
	for name := range g.ref.files {
		names = append(names, name)
	}
	sort.Strings(names)
	for _, name := range names {
		if err := g.write(name, func(w *bufio.Writer) error {
			_, err := w.Write(g.ref.files[name])
			return err
		}); err != nil {
			return g.stats, err
		}
	}
	if err := g.write("sources.json", func(w *bufio.Writer) error {
		_, err := w.WriteString(manifest)
		return err
	}); err != nil {
		return g.stats, err
	}
	span := 28 * int(math.Ceil(math.Sqrt(g.opt.Scale)))
	g.stats.FirstYear, g.stats.LastYear = firstYear, firstYear+span-1
	if err := g.membership(); err != nil {
		return g.stats, err
	}
	ms := g.meetings()
	if err := g.writeMeetings(ms); err != nil {
		return g.stats, err
	}
	for i := range ms {
		if err := g.agendas(&ms[i]); err != nil {
			return g.stats, err
		}
	}
	return g.stats, nil
}

// countingWriter counts bytes for Stats.
type countingWriter struct {
	w io.Writer
	n *int64
}

func (c countingWriter) Write(p []byte) (int, error) {
	n, err := c.w.Write(p)
	*c.n += int64(n)
	return n, err
}

func (g *generator) write(name string, fn func(w *bufio.Writer) error) error {
	wc, err := g.out.Create(name)
	if err != nil {
		return err
	}
	bw := bufio.NewWriterSize(countingWriter{wc, &g.stats.Bytes}, 64<<10)
	err = fn(bw)
	if err == nil {
		err = bw.Flush()
	}
	if cerr := wc.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return fmt.Errorf("gen: write %s: %w", name, err)
	}
	g.stats.Files++
	return nil
}

func (g *generator) writeCSV(name string, header []string, rows func(emit func(...string) error) error) error {
	return g.write(name, func(w *bufio.Writer) error {
		cw := csv.NewWriter(w)
		if err := cw.Write(header); err != nil {
			return err
		}
		if err := rows(func(rec ...string) error { return cw.Write(rec) }); err != nil {
			return err
		}
		cw.Flush()
		return cw.Error()
	})
}

func day(t time.Time) string { return t.Format(time.DateOnly) }

var membershipHeader = []string{"instrument", "state_name", "iso3", "signature_date", "consent_date",
	"consent_type", "entry_into_force_date", "withdrawal_notified_date", "withdrawal_effective_date",
	"source_url", "confidence"}

func (g *generator) membership() error {
	last := time.Date(g.stats.LastYear, 12, 31, 0, 0, 0, 0, time.UTC)
	for _, mf := range g.ref.membership {
		perm := g.rng.Perm(len(g.ref.states))
		n := min(mf.rows, len(g.ref.states))
		err := g.writeCSV("membership/"+mf.name, membershipHeader, func(emit func(...string) error) error {
			for i := range n {
				st := g.ref.states[perm[i]]
				instr := mf.instruments[i%len(mf.instruments)]
				id := instr
				if v, ok := treaty.ID(instr); ok {
					id = v
				}
				adopted, ok := g.ref.adopted[id]
				if !ok {
					adopted = time.Date(firstYear, 1, 1, 0, 0, 0, 0, time.UTC)
				}
				name := st.name
				if alt := g.ref.spellings[st.id]; len(alt) > 0 && g.rng.Float64() < 0.1 {
					name = alt[g.rng.IntN(len(alt))]
				}
				var consent time.Time
				if g.rng.Float64() < 0.85 {
					consent = adopted.AddDate(0, 0, 30+int(g.rng.ExpFloat64()*6*365))
				} else {
					consent = adopted.AddDate(0, 0, g.rng.IntN(int(last.Sub(adopted).Hours()/24)+1))
				}
				if consent.After(last) {
					consent = last
				}
				sig := ""
				if g.rng.Float64() < 0.4 {
					sig = day(consent.AddDate(0, 0, -30-g.rng.IntN(700)))
				}
				kinds := mf.consent[instr]
				kind := "ratification"
				if len(kinds) > 0 {
					kind = kinds[g.rng.IntN(len(kinds))]
				}
				eif := ""
				if g.rng.Float64() < 0.3 {
					eif = day(consent.AddDate(0, 6, 0))
				}
				notified, effective := "", ""
				if g.rng.Float64() < 0.025 {
					nd := consent.AddDate(1+g.rng.IntN(20), 0, g.rng.IntN(365))
					if nd.Before(last) {
						notified = day(nd)
						if g.rng.Float64() < 0.8 {
							effective = day(nd.AddDate(0, 6, 0))
						}
					}
				}
				if err := emit(instr, name, st.id, sig, day(consent), kind, eif, notified, effective,
					"https://example.org/synergy-gen/membership/"+mf.name, "synthetic"); err != nil {
					return err
				}
				g.stats.Participation++
			}
			return nil
		})
		if err != nil {
			return err
		}
	}
	return nil
}

func (g *generator) meetings() []meeting {
	n := max(1, int(math.Round(130*g.opt.Scale)))
	ms := make([]meeting, n)
	for i := range ms {
		m := &ms[i]
		m.body = g.ref.bodies.pick(g.rng.Float64())
		lo := max(firstYear, m.body.firstYear)
		if lo > g.stats.LastYear {
			lo = g.stats.LastYear
		}
		year := lo + g.rng.IntN(g.stats.LastYear-lo+1)
		month := g.ref.months.pick(g.rng.Float64())
		m.start = time.Date(year, time.Month(month), 1+g.rng.IntN(28), 0, 0, 0, 0, time.UTC)
		m.days = g.ref.lengths.pick(g.rng.Float64())
		p := g.ref.places.pick(g.rng.Float64())
		m.city, m.country = p.city, p.country
		if len(g.ref.presidents) > 0 && g.rng.Float64() < 0.5 {
			m.president = g.ref.presidents[g.rng.IntN(len(g.ref.presidents))]
		}
		for f := range m.flags {
			switch u := g.rng.Float64(); {
			case u < 0.7:
				m.flags[f] = "unknown"
			case u < 0.95:
				m.flags[f] = "true"
			default:
				m.flags[f] = "false"
			}
		}
		m.status = "held"
		if year > 2026 {
			m.status = "planned"
		}
		switch u := g.rng.Float64(); {
		case u < 0.005:
			m.status = "cancelled"
		case u < 0.01:
			m.status = "postponed"
		}
		m.startText = day(m.start)
		m.endText = day(m.start.AddDate(0, 0, m.days))
		switch u := g.rng.Float64(); {
		case u < 0.04:
			m.startText, m.endText = strconv.Itoa(year), ""
		case u < 0.07:
			m.startText, m.endText = m.start.Format("2006-01"), ""
		case u < 0.11:
			m.endText = ""
		}
	}
	sort.SliceStable(ms, func(i, j int) bool { return ms[i].start.Before(ms[j].start) })
	seq := map[string]int{}
	for i := range ms {
		m := &ms[i]
		b := m.body
		y := m.start.Year()
		key := b.instrument + "\x00" + b.name
		seq[key]++
		yk := fmt.Sprintf("%s\x00%d", key, y)
		seq[yk]++
		m.ordinal = seq[key]
		m.code = code(b.name, seq[key], y, seq[yk])
		m.id = b.instrument + "_" + m.code
		m.title = fmt.Sprintf("%s %s, meeting %d (synthetic)", b.instrument, b.name, seq[key])
	}
	g.stats.Meetings = n
	return ms
}

// code gives a meeting code shaped like the real ones of its body.
func code(bodyName string, n, year, nInYear int) string {
	switch bodyName {
	case "MSP":
		return fmt.Sprintf("%dMSP", n)
	case "RevCon":
		return fmt.Sprintf("%dRC", n)
	case "CSP":
		return fmt.Sprintf("CSP%d", n)
	case "APII-Conference":
		return fmt.Sprintf("APII-%d", n)
	case "PV-Conference":
		return fmt.Sprintf("PV-%d", n)
	case "Intersessional":
		return fmt.Sprintf("IM-%d-%d", year, nInYear)
	case "PV-Experts":
		return fmt.Sprintf("PV-MoE-%d-%d", year, nInYear)
	}
	return fmt.Sprintf("%s-%d-%d", strings.ReplaceAll(bodyName, " ", ""), year, nInYear)
}

var meetingsHeader = []string{"instrument", "body", "meeting_code", "title", "start_date", "end_date",
	"city", "country", "venue", "president", "agenda_clearance", "agenda_victim_assistance",
	"agenda_stockpile", "agenda_cooperation", "agenda_transparency", "source_url", "confidence", "status"}

func (g *generator) writeMeetings(ms []meeting) error {
	const url = "https://example.org/synergy-gen/meetings"
	if err := g.writeCSV("meetings/meetings.csv", meetingsHeader, func(emit func(...string) error) error {
		for _, m := range ms {
			if err := emit(m.body.instrument, m.body.name, m.code, m.title, m.startText, m.endText,
				m.city, m.country, "", m.president, m.flags[0], m.flags[1], m.flags[2], m.flags[3], m.flags[4],
				url, "synthetic", m.status); err != nil {
				return err
			}
		}
		return nil
	}); err != nil {
		return err
	}
	return g.writeCSV("meetings/meetings_updates.csv", meetingsHeader, func(emit func(...string) error) error {
		for _, m := range ms {
			if g.rng.Float64() >= 0.02 || len(g.ref.presidents) == 0 {
				continue
			}
			p := g.ref.presidents[g.rng.IntN(len(g.ref.presidents))]
			if err := emit(m.body.instrument, m.body.name, m.code, m.title+" (update: president)", "", "",
				"", "", "", p, "", "", "", "", "", url, "synthetic (update: president)", ""); err != nil {
				return err
			}
			g.stats.UpdateRows++
		}
		return nil
	})
}

// per-language agenda vocabulary besides the real titles and the theme terms.
var (
	openers = map[string][]string{
		"en": {"Opening of the meeting", "Adoption of the agenda", "Election of the President", "Adoption of the rules of procedure"},
		"fr": {"Ouverture de la réunion", "Adoption de l'ordre du jour", "Élection du Président", "Adoption du règlement intérieur"},
		"es": {"Apertura de la reunión", "Aprobación del programa", "Elección del Presidente", "Aprobación del reglamento"},
		"ru": {"Открытие совещания", "Утверждение повестки дня", "Выборы Председателя", "Утверждение правил процедуры"},
		"ar": {"افتتاح الاجتماع", "إقرار جدول الأعمال", "انتخاب الرئيس", "اعتماد النظام الداخلي"},
		"zh": {"会议开幕", "通过议程", "选举主席", "通过议事规则"},
	}
	templates = map[string][]string{
		"en": {"Consideration of %s", "Exchange of views on %s", "Report on %s"},
		"fr": {"Examen de %s", "Échange de vues sur %s", "Rapport sur %s"},
		"es": {"Examen de %s", "Intercambio de opiniones sobre %s", "Informe sobre %s"},
		"ru": {"Рассмотрение вопроса о %s", "Обмен мнениями: %s", "Доклад: %s"},
		"ar": {"النظر في %s", "تبادل الآراء بشأن %s", "تقرير عن %s"},
		"zh": {"审议%s", "就%s交换意见", "关于%s的报告"},
	}
	closers = map[string]string{
		"en": "Adoption of the final report", "fr": "Adoption du rapport final",
		"es": "Aprobación del informe final", "ru": "Утверждение заключительного доклада",
		"ar": "اعتماد التقرير الختامي", "zh": "通过最后报告",
	}
	headers = map[string][2]string{"fr": {"Réunion : ", "Statut : "}}
)

const letters = "ABCDEFGH"

func (g *generator) title(lang string) string {
	real := g.ref.titles[lang]
	terms := g.ref.terms[lang]
	if len(real) > 0 && (len(terms) == 0 || g.rng.Float64() < 0.5) {
		return real[g.rng.IntN(len(real))]
	}
	if len(terms) == 0 {
		return openers[lang][g.rng.IntN(len(openers[lang]))]
	}
	t := templates[lang]
	return fmt.Sprintf(t[g.rng.IntN(len(t))], terms[g.rng.IntN(len(terms))])
}

func (g *generator) agendas(m *meeting) error {
	for _, l := range Langs {
		if g.rng.Float64() >= l.P {
			continue
		}
		lang := l.Code
		name := fmt.Sprintf("meetings/agendas/%s.%s.txt", m.id, lang)
		hdr, ok := headers[lang]
		if !ok {
			hdr = [2]string{"Meeting: ", "Status: "}
		}
		err := g.write(name, func(w *bufio.Writer) error {
			fmt.Fprintf(w, "SYN/%s/%s/%d | https://example.org/synergy-gen/agendas/%s.%s\n",
				m.body.instrument, strings.ReplaceAll(m.code, "-", "."), m.ordinal, m.id, lang)
			fmt.Fprintf(w, "%s%s, %s, %s\n", hdr[0], m.title, m.city, m.startText)
			fmt.Fprintf(w, "%sSYNTHETIC agenda written by synergy gen\n\n", hdr[1])
			n := 3 + g.rng.IntN(6)
			op := openers[lang]
			for i := 1; i <= n; i++ {
				var t string
				switch {
				case i <= 2:
					t = op[i-1]
				case i == n:
					t = closers[lang]
				default:
					t = g.title(lang)
				}
				fmt.Fprintf(w, "%d. %s\n", i, t)
				g.stats.AgendaItems++
				if i > 2 && i < n && g.rng.Float64() < 0.25 {
					for k := range 1 + g.rng.IntN(3) {
						fmt.Fprintf(w, "    %c - %s\n", letters[k], g.title(lang))
						g.stats.AgendaItems++
					}
				}
			}
			return nil
		})
		if err != nil {
			return err
		}
		g.stats.AgendaFiles++
	}
	return nil
}

// manifest is the generated sources.json: the real one without the depositary pages.
const manifest = `{
  "description": "SYNTHETIC inputs written by 'synergy gen' (package pipeline/gen) in the formats of datasets/; the depositary pages (format untc) are left out. Paths are relative to this file.",
  "sources": [
    {"name": "states", "path": "states.csv", "format": "states", "feeds": ["states"]},
    {"name": "state_names", "path": "state_names.csv", "format": "state_names", "feeds": ["state_names"]},
    {"name": "instruments", "path": "instruments.csv", "format": "instruments", "feeds": ["instruments"]},
    {"name": "instrument_articles", "path": "instrument_articles.csv", "format": "instrument_articles", "feeds": ["instrument_articles"]},
    {"name": "standing_agendas", "path": "standing_agendas.csv", "format": "standing_agendas", "feeds": ["standing_agendas"]},
    {"name": "themes", "path": "themes.csv", "format": "themes", "feeds": ["themes"]},
    {"name": "theme_terms", "path": "theme_terms.csv", "format": "theme_terms", "feeds": ["agenda_item_themes"]},
    {"name": "membership", "path": "membership/*.csv", "format": "membership", "feeds": ["participation"]},
    {"name": "meetings", "path": "meetings/meetings*.csv", "format": "meetings", "feeds": ["meetings"]},
    {"name": "agendas", "path": "meetings/agendas/*.txt", "format": "agenda", "feeds": ["agenda_items"]},
    {"name": "obligations", "path": "obligations/obligations.csv", "format": "obligations", "feeds": ["obligations"]}
  ]
}
`
