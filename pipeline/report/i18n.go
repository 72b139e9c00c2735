package report

import (
	"fmt"
	"math"
	"strconv"
	"strings"
)

// Lang is a report language: [English], [French] or [Spanish].
type Lang string

// The report's languages.
const (
	English Lang = "en"
	French  Lang = "fr"
	Spanish Lang = "es"
)

// Langs lists the supported languages in a fixed order.
var Langs = []Lang{English, French, Spanish}

// ParseLang returns the language with code s ("en", "fr" or "es"), or an error
// wrapping [ErrLang].
func ParseLang(s string) (Lang, error) {
	for _, l := range Langs {
		if string(l) == s {
			return l, nil
		}
	}
	return "", fmt.Errorf("%w %q (en, fr or es)", ErrLang, s)
}

func (l Lang) valid() bool {
	_, err := ParseLang(string(l))
	return err == nil
}

// T returns the message key in language l, formatted with args as by fmt.Sprintf.
// It panics on a key missing from the catalogue: that is a programming error, and
// TestCatalogueComplete guards against it.
func (l Lang) T(key string, args ...any) string {
	m, ok := message(key)
	if !ok {
		panic("report: no message " + strconv.Quote(key))
	}
	var f string
	switch l {
	case French:
		f = m.fr
	case Spanish:
		f = m.es
	default:
		f = m.en
	}
	if len(args) == 0 {
		return f
	}
	return fmt.Sprintf(f, args...)
}

// Int formats n with the language's digit grouping: 12,345 in English, 12 345 in
// French (narrow no-break space) and 12.345 in Spanish, which leaves four-digit
// numbers ungrouped (CLDR minimum grouping digits 2).
func (l Lang) Int(n int64) string {
	s := strconv.FormatInt(n, 10)
	neg := strings.HasPrefix(s, "-")
	s = strings.TrimPrefix(s, "-")
	s = l.group(s)
	if neg {
		return "-" + s
	}
	return s
}

// Float formats x with prec decimals, the language's decimal separator (0.97 in
// English, 0,97 in French and Spanish) and digit grouping. NaN and infinities are
// written as Go writes them; callers pass NULLs as nil to [Lang.Value] instead.
func (l Lang) Float(x float64, prec int) string {
	if math.IsNaN(x) || math.IsInf(x, 0) {
		return strconv.FormatFloat(x, 'f', prec, 64)
	}
	s := strconv.FormatFloat(x, 'f', prec, 64)
	if s == "-0" || strings.HasPrefix(s, "-0.") && strings.Trim(s[3:], "0") == "" {
		s = s[1:] // no negative zero
	}
	neg := strings.HasPrefix(s, "-")
	s = strings.TrimPrefix(s, "-")
	whole, frac, hasFrac := strings.Cut(s, ".")
	out := l.group(whole)
	if hasFrac {
		out += l.decimal() + frac
	}
	if neg {
		return "-" + out
	}
	return out
}

// Percent formats the ratio x (0.518) as a percentage with prec decimals:
// 51.8% in English, 51,8 % in French and Spanish (no-break space).
func (l Lang) Percent(x float64, prec int) string {
	s := l.Float(100*x, prec)
	if l == English {
		return s + "%"
	}
	return s + "\u00a0%"
}

func (l Lang) decimal() string {
	if l == English {
		return "."
	}
	return ","
}

func (l Lang) group(digits string) string {
	sep := ","
	switch l {
	case French:
		sep = "\u202f"
	case Spanish:
		if len(digits) <= 4 {
			return digits
		}
		sep = "."
	}
	if len(digits) <= 3 {
		return digits
	}
	var b strings.Builder
	first := len(digits) % 3
	if first > 0 {
		b.WriteString(digits[:first])
	}
	for i := first; i < len(digits); i += 3 {
		if b.Len() > 0 {
			b.WriteString(sep)
		}
		b.WriteString(digits[i : i+3])
	}
	return b.String()
}

// Ratio formats a value read from the snapshot as a ratio with two decimals, and
// NULL (nil) as an em dash.
func (l Lang) Ratio(v any) string {
	f, ok := toFloat(v)
	if !ok {
		return "—"
	}
	return l.Float(f, 2)
}

// Count formats a value read from the snapshot as a whole number, and NULL (nil)
// as an em dash.
func (l Lang) Count(v any) string {
	f, ok := toFloat(v)
	if !ok {
		return "—"
	}
	return l.Int(int64(math.Round(f)))
}

// Month returns the abbreviated name of month m (1-12).
func (l Lang) Month(m int) string {
	names := map[Lang][12]string{
		English: {"Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"},
		French:  {"janv.", "févr.", "mars", "avr.", "mai", "juin", "juil.", "août", "sept.", "oct.", "nov.", "déc."},
		Spanish: {"ene.", "feb.", "mar.", "abr.", "may.", "jun.", "jul.", "ago.", "sept.", "oct.", "nov.", "dic."},
	}
	n, ok := names[l]
	if !ok {
		n = names[English]
	}
	return n[(m-1+12)%12]
}

// Bool formats a boolean read from the snapshot; NULL is an em dash.
func (l Lang) Bool(v any) string {
	b, ok := v.(bool)
	if !ok {
		return "—"
	}
	if b {
		return l.T("yes")
	}
	return l.T("no")
}

// Theme returns the label of a theme id of the taxonomy ("clearance").
func (l Lang) Theme(id string) string {
	if _, ok := message("theme." + id); ok {
		return l.T("theme." + id)
	}
	return id
}

// Relation returns the label of a meeting pair relation ("back_to_back").
func (l Lang) Relation(id string) string {
	if _, ok := message("rel." + id); ok {
		return l.T("rel." + id)
	}
	return id
}

// mode returns the label of how a meeting was held ("online"), or m itself when
// the catalogue has none.
func (l Lang) mode(m string) string {
	if _, ok := message("mode." + m); ok {
		return l.T("mode." + m)
	}
	return m
}

// status returns the label of a meeting status ("postponed"), or s itself when the
// catalogue has none.
func (l Lang) status(s string) string {
	if _, ok := message("status." + s); ok {
		return l.T("status." + s)
	}
	return s
}

type msg struct{ en, fr, es string }

// catalogues are the report's message catalogues: messages, and one per part of the
// report that keeps its texts in a file of its own. A key is in exactly one of them
// (TestCatalogueComplete).
var catalogues = []map[string]msg{messages, summaryMessages, stateMessages}

// message looks key up in every catalogue.
func message(key string) (msg, bool) {
	for _, c := range catalogues {
		if m, ok := c[key]; ok {
			return m, true
		}
	}
	return msg{}, false
}

// allMessages is every catalogue's entries in one map.
func allMessages() map[string]msg {
	all := map[string]msg{}
	for _, c := range catalogues {
		for k, m := range c {
			all[k] = m
		}
	}
	return all
}

// sameInAllLangs lists the catalogue keys whose text may be identical in the three
// languages (identifiers and symbols).
var sameInAllLangs = map[string]bool{
	"col.jaccard": true, "fmt.pair": true, "fmt.srcline": true,
	"col.sha256": true, "col.file": true, "col.source_url": true,
	"fmt.range": true, "col.article_a": true, "col.article_b": true,
}

// messages is the report's message catalogue. Keys are stable; texts are fmt
// formats. Instrument and state names are never translated.
var messages = map[string]msg{
	// Title and front matter.
	"title": {"Synergies among the conventional-weapons treaties: assessment report, %s",
		"Synergies entre les traités sur les armes classiques\u00a0: rapport d'évaluation, %s",
		"Sinergias entre los tratados sobre armas convencionales: informe de evaluación, %s"},
	"intro": {"This report follows two recommendations of the 2010 review of the Anti-Personnel Mine Ban Convention (Tenth Meeting of the States Parties, Geneva, 29 November – 3 December 2010). Recommendation 8: States Parties, particularly those party to several related instruments, should seek coherence when scheduling those instruments' meetings, above all meetings on clearance and on assistance to victims. Recommendation 9: States Parties should regularly assess the potential for synergies among the related instruments while recognising the distinct legal obligations of each.",
		"Ce rapport suit deux recommandations de l'examen de 2010 de la Convention sur l'interdiction des mines antipersonnel (dixième Assemblée des États parties, Genève, 29 novembre – 3 décembre 2010). Recommandation 8\u00a0: les États parties, en particulier ceux qui sont parties à plusieurs instruments connexes, devraient rechercher la cohérence dans le calendrier des réunions de ces instruments, surtout des réunions sur la dépollution et sur l'assistance aux victimes. Recommandation 9\u00a0: les États parties devraient évaluer régulièrement les synergies possibles entre ces instruments, tout en reconnaissant les obligations juridiques propres à chacun.",
		"Este informe sigue dos recomendaciones del examen de 2010 de la Convención sobre la prohibición de las minas antipersonal (Décima Reunión de los Estados Partes, Ginebra, 29 de noviembre – 3 de diciembre de 2010). Recomendación 8: los Estados Partes, en particular los que son parte en varios instrumentos conexos, deberían buscar coherencia al programar las reuniones de esos instrumentos, sobre todo las de remoción y de asistencia a las víctimas. Recomendación 9: los Estados Partes deberían evaluar periódicamente las posibles sinergias entre esos instrumentos, reconociendo las obligaciones jurídicas propias de cada uno."},
	"front.snapshot": {"Snapshot %s, created %s; data as of %s. Period: %s. Previous period: %s.",
		"Instantané %s, créé le %s\u202f; données au %s. Période\u00a0: %s. Période précédente\u00a0: %s.",
		"Instantánea %s, creada el %s; datos al %s. Período: %s. Período anterior: %s."},
	"front.headlines": {"Key figures", "Chiffres clés", "Cifras clave"},
	"head.meetings": {"Clearance and victim-assistance meetings in %s: %s (clearance %s, victim assistance %s).",
		"Réunions sur la dépollution et l'assistance aux victimes en %s\u00a0: %s (dépollution %s, assistance aux victimes %s).",
		"Reuniones sobre remoción y asistencia a las víctimas en %s: %s (remoción %s, asistencia a las víctimas %s)."},
	"head.pairs": {"Pairs of such meetings of different instrument families within 90 days: %s (clashes: %s; back to back: %s). Pairs within the CCW family, counted apart: %s.",
		"Paires de ces réunions de familles d'instruments différentes à moins de 90 jours\u00a0: %s (chevauchements\u00a0: %s\u202f; consécutives\u00a0: %s). Paires au sein de la famille CCW, comptées à part\u00a0: %s.",
		"Pares de esas reuniones de familias de instrumentos distintas en 90 días: %s (choques: %s; consecutivos: %s). Pares dentro de la familia CCW, contados aparte: %s."},
	"head.changes": {"Since %s: new participations (consent or entry into force): %s; withdrawals taking effect: %s; withdrawals notified: %s.",
		"Depuis %s\u00a0: nouvelles participations (consentement ou entrée en vigueur)\u00a0: %s\u202f; retraits prenant effet\u00a0: %s\u202f; retraits notifiés\u00a0: %s.",
		"Desde %s: nuevas participaciones (consentimiento o entrada en vigor): %s; retiros que surten efecto: %s; retiros notificados: %s."},

	// Section titles.
	"sec.rec8": {"Recommendation 8: coherent scheduling of meetings",
		"Recommandation 8\u00a0: cohérence du calendrier des réunions",
		"Recomendación 8: coherencia del calendario de reuniones"},
	"sec.rec8.timeline": {"Calendar of clearance and victim-assistance meetings, %s",
		"Calendrier des réunions sur la dépollution et l'assistance aux victimes, %s",
		"Calendario de las reuniones sobre remoción y asistencia a las víctimas, %s"},
	"plan.sec": {"What planning within four weeks would have saved, %s against earlier years",
		"Ce qu'une planification à quatre semaines près aurait évité, %s et années antérieures",
		"Lo que una planificación con cuatro semanas de margen habría ahorrado, %s frente a años anteriores"},
	"plan.p": {"Each year's clearance and victim-assistance meetings planned again by synergy plan: every meeting may start up to four weeks before or after its real start, on a working day, keeping its length and city, with no two meetings that share a party at once; the solver chooses the dates that minimise the delegation trips (counted as in the tables above), then the days moved. These are trips a coherent calendar within the real meetings' own windows would have saved, beside the crude one-trip-per-city-and-half-year bound.",
		"Les réunions de chaque année sur la dépollution et l'assistance aux victimes, planifiées à nouveau par synergy plan\u00a0: chaque réunion peut commencer jusqu'à quatre semaines avant ou après sa date réelle, un jour ouvrable, en gardant sa durée et sa ville, sans que deux réunions ayant une partie commune se tiennent en même temps\u202f; le solveur choisit les dates qui minimisent les déplacements de délégations (comptés comme dans les tableaux ci-dessus), puis les jours de décalage. Ce sont les déplacements qu'un calendrier cohérent, dans les marges des réunions réelles, aurait évités, à côté de la borne grossière d'un déplacement par ville et par semestre.",
		"Las reuniones de cada año sobre remoción y asistencia a las víctimas, planificadas de nuevo por synergy plan: cada reunión puede empezar hasta cuatro semanas antes o después de su fecha real, en un día laborable, con su duración y su ciudad, sin que dos reuniones con una parte en común coincidan; el solucionador elige las fechas que minimizan los viajes de delegaciones (contados como en las tablas anteriores) y luego los días desplazados. Son los viajes que un calendario coherente dentro de los márgenes de las reuniones reales habría ahorrado, junto a la cota aproximada de un viaje por ciudad y semestre."},
	"plan.none": {"No year up to %s has been planned again (the snapshot has no plan_backtest rows).",
		"Aucune année jusqu'à %s n'a été planifiée à nouveau (l'instantané n'a pas de lignes plan_backtest).",
		"Ningún año hasta %s se ha planificado de nuevo (la instantánea no tiene filas de plan_backtest)."},
	"plan.sum": {"In %s, planning within four weeks would have saved %s of the %s delegation trips taken; the crude (city, half-year) bound would promise %s.",
		"En %s, une planification à quatre semaines près aurait évité %s des %s déplacements de délégations effectués\u202f; la borne grossière (ville, semestre) en promettrait %s.",
		"En %s, una planificación con cuatro semanas de margen habría ahorrado %s de los %s viajes de delegaciones realizados; la cota aproximada (ciudad, semestre) prometería %s."},
	"plan.col.actual":  {"Trips as held", "Déplacements réels", "Viajes reales"},
	"plan.col.planned": {"Trips as planned", "Déplacements planifiés", "Viajes planificados"},
	"plan.col.saved":   {"Saved by planning", "Évités par la planification", "Ahorrados al planificar"},
	"plan.col.moved":   {"Meetings moved", "Réunions décalées", "Reuniones desplazadas"},
	"plan.col.max":     {"Longest move (days)", "Plus grand décalage (jours)", "Mayor desplazamiento (días)"},
	"plan.col.proof":   {"Proof", "Preuve", "Prueba"},
	"plan.optimal":     {"optimal", "optimal", "óptimo"},
	"plan.gap":         {"gap %s", "écart %s", "brecha %s"},
	"sec.rec8.years": {"Coherence of the calendar, %s against earlier years",
		"Cohérence du calendrier, %s par rapport aux années précédentes",
		"Coherencia del calendario, %s frente a los años anteriores"},
	"sec.rec9": {"Recommendation 9: synergies among the instruments",
		"Recommandation 9\u00a0: synergies entre les instruments",
		"Recomendación 9: sinergias entre los instrumentos"},
	"sec.rec9.matrix": {"Membership overlap on 31 December %d",
		"Recoupement des parties au 31 décembre %d",
		"Coincidencia de partes al 31 de diciembre de %d"},
	"sec.rec9.trend": {"Membership overlap over time", "Évolution du recoupement des parties", "Evolución de la coincidencia de partes"},
	"sec.rec9.law": {"Shared obligations and their legal basis, %d",
		"Obligations partagées et leur fondement juridique, %d",
		"Obligaciones compartidas y su fundamento jurídico, %d"},
	"sec.changes": {"What changed since the previous report period (%s)",
		"Ce qui a changé depuis la période précédente (%s)",
		"Qué cambió desde el período anterior (%s)"},
	"sec.changes.counts":      {"Parties at the end of each period", "Parties à la fin de chaque période", "Partes al final de cada período"},
	"sec.changes.figures":     {"Rec 8 figures, previous period against this one", "Chiffres de la Rec. 8, période précédente et période actuelle", "Cifras de la Rec. 8, período anterior y actual"},
	"sec.changes.new":         {"New parties", "Nouvelles parties", "Nuevas partes"},
	"sec.changes.withdrawals": {"Withdrawals", "Retraits", "Retiros"},
	"sec.changes.updated":     {"Meetings whose data changed", "Réunions dont les données ont changé", "Reuniones cuyos datos cambiaron"},
	"sec.changes.status":      {"Meetings moved, postponed or cancelled", "Réunions déplacées, reportées ou annulées", "Reuniones trasladadas, aplazadas o canceladas"},
	"sec.quality":             {"Data quality", "Qualité des données", "Calidad de los datos"},
	"sec.sources":             {"Snapshot and input files", "Instantané et fichiers sources", "Instantánea y archivos de origen"},

	// Figures.
	"fig.timeline": {"Figure 1. Clearance and victim-assistance meetings, %s, one lane per instrument; clash and back-to-back pairs marked",
		"Figure 1. Réunions sur la dépollution et l'assistance aux victimes, %s, une ligne par instrument\u202f; chevauchements et réunions consécutives signalés",
		"Figura 1. Reuniones sobre remoción y asistencia a las víctimas, %s, una línea por instrumento; choques y reuniones consecutivas señalados"},
	"fig.coherence": {"Figure 3. Coherence index (only where something could have been gained) and share of meetings with a back-to-back partner, by year",
		"Figure 3. Indice de cohérence (seulement là où quelque chose pouvait être gagné) et part des réunions ayant une réunion consécutive, par année",
		"Figura 3. Índice de coherencia (solo donde algo podía ganarse) y proporción de reuniones con una reunión consecutiva, por año"},
	"fig.heatmap": {"Figure 4. Membership overlap (Jaccard) between instruments on 31 December %d",
		"Figure 4. Recoupement des parties (Jaccard) entre instruments au 31 décembre %d",
		"Figura 4. Coincidencia de partes (Jaccard) entre instrumentos al 31 de diciembre de %d"},
	"fig.trend": {"Figure 5. Membership overlap (Jaccard) per pair of instruments, by year up to %d",
		"Figure 5. Recoupement des parties (Jaccard) par paire d'instruments, par année jusqu'en %d",
		"Figura 5. Coincidencia de partes (Jaccard) por par de instrumentos, por año hasta %d"},
	"fig.md_note":       {"The chart is in report.html; the values it plots:", "Le graphique figure dans report.html\u202f; les valeurs représentées\u00a0:", "El gráfico está en report.html; los valores representados:"},
	"fig.data":          {"Values plotted", "Valeurs représentées", "Valores representados"},
	"chart.year":        {"Year", "Année", "Año"},
	"chart.index":       {"Index / share", "Indice / part", "Índice / proporción"},
	"chart.trips":       {"Delegation trips", "Déplacements de délégations", "Viajes de delegaciones"},
	"chart.trips_taken": {"Trips taken", "Déplacements effectués", "Viajes realizados"},
	"chart.trips_fewest": {"Fewest possible (one per city and half-year)", "Minimum possible (un par ville et semestre)",
		"Mínimo posible (uno por ciudad y semestre)"},
	"fig.trips": {"Figure 2. Delegation trips to clearance and victim-assistance meetings per year, summed over the states party: trips taken and the fewest possible. The gap between the two lines is the trips a coherent calendar could have saved; meetings held online or by written procedure are no trip. The values are in the table under the next figure.",
		"Figure 2. Déplacements de délégations vers les réunions sur la dépollution et l'assistance aux victimes, par année, additionnés sur les États parties\u00a0: déplacements effectués et minimum possible. L'écart entre les deux courbes correspond aux déplacements qu'un calendrier cohérent aurait évités\u202f; les réunions tenues en ligne ou par procédure écrite ne comptent pas comme déplacement. Les valeurs figurent dans le tableau sous la figure suivante.",
		"Figura 2. Viajes de delegaciones a las reuniones sobre remoción y asistencia a las víctimas por año, sumados sobre los Estados partes: viajes realizados y mínimo posible. La distancia entre las dos líneas son los viajes que un calendario coherente habría ahorrado; las reuniones en línea o por procedimiento escrito no cuentan como viaje. Los valores figuran en la tabla bajo la figura siguiente."},
	"chart.coh_any":     {"Coherence index (either theme)", "Indice de cohérence (l'un ou l'autre thème)", "Índice de coherencia (cualquiera de los temas)"},
	"chart.coh_clear":   {"Coherence index (clearance)", "Indice de cohérence (dépollution)", "Índice de coherencia (remoción)"},
	"chart.coh_va":      {"Coherence index (victim assistance)", "Indice de cohérence (assistance aux victimes)", "Índice de coherencia (asistencia a las víctimas)"},
	"chart.share_b2b":   {"Share with a back-to-back partner", "Part avec une réunion consécutive", "Proporción con una reunión consecutiva"},
	"chart.clash":       {"clash", "chevauchement", "choque"},
	"chart.b2b":         {"back to back", "consécutives", "consecutivas"},
	"chart.same_family": {"(dashed: same family)", "(tirets\u00a0: même famille)", "(discontinuo: misma familia)"},

	// Paragraphs.
	"p.timeline": {"Meetings shown: pairable meetings (dates known to the day, not cancelled or postponed) that address clearance or victim assistance and belong to an instrument with parties, as state_year_burden lists them. Marked pairs: clash (dates overlap, different cities) and back-to-back (same city, at most one working day apart) pairs in which both meetings address the same theme.",
		"Réunions représentées\u00a0: réunions appariables (dates connues au jour près, ni annulées ni reportées) qui traitent de la dépollution ou de l'assistance aux victimes et relèvent d'un instrument ayant des parties, telles que state_year_burden les recense. Paires signalées\u00a0: chevauchements (dates qui se recoupent, villes différentes) et réunions consécutives (même ville, au plus un jour ouvrable d'écart) dont les deux réunions traitent du même thème.",
		"Reuniones representadas: reuniones emparejables (fechas conocidas al día, ni canceladas ni aplazadas) que tratan de remoción o de asistencia a las víctimas y pertenecen a un instrumento con partes, tal como las enumera state_year_burden. Pares señalados: choques (fechas que se solapan, ciudades distintas) y reuniones consecutivas (misma ciudad, como máximo un día hábil de separación) en los que ambas reuniones tratan del mismo tema."},
	"p.no_marked_pairs": {"No clash or back-to-back pair among these meetings in %s.",
		"Aucun chevauchement ni aucune réunion consécutive parmi ces réunions en %s.",
		"Ningún choque ni reunión consecutiva entre estas reuniones en %s."},
	"p.no_meetings": {"No clearance or victim-assistance meeting with known dates in %s.",
		"Aucune réunion sur la dépollution ou l'assistance aux victimes aux dates connues en %s.",
		"Ninguna reunión sobre remoción o asistencia a las víctimas con fechas conocidas en %s."},
	"p.saved": {"What a coherent calendar would have saved in %s: %s of %s trips (lower bound %s). Meetings that could have been merged into another trip in the same city and half-year, with the number of states for which they were:",
		"Ce qu'un calendrier cohérent aurait évité en %s\u00a0: %s des %s déplacements (minimum %s). Réunions qui auraient pu rejoindre un autre déplacement dans la même ville et le même semestre, avec le nombre d'États concernés\u00a0:",
		"Lo que un calendario coherente habría ahorrado en %s: %s de %s viajes (mínimo %s). Reuniones que podrían haberse unido a otro viaje en la misma ciudad y semestre, con el número de Estados afectados:"},
	"p.matrix": {"Jaccard = states party to both / states party to either, for which each instrument was in force on 31 December. Same-family pairs (the CCW framework and its protocols) overlap by design.",
		"Jaccard = États parties aux deux / États parties à l'un ou l'autre, pour lesquels chaque instrument était en vigueur le 31 décembre. Les paires d'une même famille (la CCW et ses protocoles) se recoupent par construction.",
		"Jaccard = Estados partes en ambos / Estados partes en alguno, para los que cada instrumento estaba en vigor el 31 de diciembre. Los pares de una misma familia (la CCW y sus protocolos) coinciden por construcción."},
	"p.trend": {"Jaccard on 31 December of %s, and the change over the period.",
		"Jaccard au 31 décembre de %s, et variation sur la période.",
		"Jaccard al 31 de diciembre de %s, y variación en el período."},
	"p.rank": {"synergy_potential is the mean of the components that are known: membership Jaccard, obligation share (states party to both holding an obligation under the same theme in each, over states party to both; empty when the obligations data hold no high- or medium-confidence row for one of the two instruments) and agenda theme cosine (empty when either instrument held no meeting that year). Every component is shown so that readers can weigh them differently.",
		"synergy_potential est la moyenne des composantes connues\u00a0: Jaccard des parties, part d'obligations (États parties aux deux ayant une obligation du même thème dans chacun, rapportés aux États parties aux deux\u202f; vide quand les données d'obligations n'ont aucune ligne de confiance haute ou moyenne pour l'un des instruments) et cosinus des thèmes des ordres du jour (vide quand l'un des instruments n'a tenu aucune réunion cette année-là). Chaque composante est montrée pour permettre d'autres pondérations.",
		"synergy_potential es la media de los componentes conocidos: Jaccard de partes, proporción de obligaciones (Estados partes en ambos con una obligación del mismo tema en cada uno, sobre los Estados partes en ambos; vacío cuando los datos de obligaciones no tienen filas de confianza alta o media de uno de los instrumentos) y coseno de los temas de las agendas (vacío cuando uno de los instrumentos no celebró reuniones ese año). Se muestran todos los componentes para permitir otras ponderaciones."},
	"p.law": {"Each shared obligation keeps the article of each instrument that creates it: the obligations stay distinct in law even where the same states hold them.",
		"Chaque obligation partagée garde l'article de chaque instrument qui la crée\u00a0: les obligations restent juridiquement distinctes même lorsque les mêmes États les détiennent.",
		"Cada obligación compartida conserva el artículo de cada instrumento que la crea: las obligaciones siguen siendo jurídicamente distintas aunque las tengan los mismos Estados."},
	"p.law.none": {"No state party to two instruments held obligations under the same theme in both in %d.",
		"Aucun État partie à deux instruments n'avait d'obligations du même thème dans les deux en %d.",
		"Ningún Estado parte en dos instrumentos tenía obligaciones del mismo tema en ambos en %d."},
	"p.law.articles": {"The articles cited:", "Les articles cités\u00a0:", "Los artículos citados:"},
	"p.none":         {"None in %s.", "Aucune en %s.", "Ninguna en %s."},
	"p.new": {"Participations whose consent or entry into force falls in %s.",
		"Participations dont le consentement ou l'entrée en vigueur tombe en %s.",
		"Participaciones cuyo consentimiento o entrada en vigor cae en %s."},
	"p.withdrawals": {"Withdrawals taking effect in %s, and withdrawals notified in %s that take effect later.",
		"Retraits prenant effet en %s, et retraits notifiés en %s qui prennent effet plus tard.",
		"Retiros que surten efecto en %s, y retiros notificados en %s que surten efecto más tarde."},
	"p.updated": {"Meetings of %s for which a correction row replaced an earlier source's value (source_discrepancies, rule 'update wins').",
		"Réunions de %s pour lesquelles une ligne de correction a remplacé la valeur d'une source antérieure (source_discrepancies, règle «\u00a0update wins\u00a0»).",
		"Reuniones de %s en las que una fila de corrección sustituyó el valor de una fuente anterior (source_discrepancies, regla «update wins»)."},
	"p.status": {"Meetings of %s that were postponed or cancelled, or whose date or city a correction changed.",
		"Réunions de %s reportées ou annulées, ou dont une correction a changé la date ou la ville.",
		"Reuniones de %s aplazadas o canceladas, o cuya fecha o ciudad cambió una corrección."},
	"p.rejects": {"Rejected input rows: %s (every row a reader refused, with file, line and reason).",
		"Lignes d'entrée rejetées\u00a0: %s (chaque ligne refusée par un lecteur, avec fichier, ligne et motif).",
		"Filas de entrada rechazadas: %s (cada fila que un lector rechazó, con archivo, línea y motivo)."},
	"p.unpaired": {"Meetings left out of the Rec 8 analysis (dates not known to the day, postponed or cancelled): %s in the snapshot, %s in %s.",
		"Réunions exclues de l'analyse de la Rec. 8 (dates non connues au jour près, reportées ou annulées)\u00a0: %s dans l'instantané, %s en %s.",
		"Reuniones excluidas del análisis de la Rec. 8 (fechas no conocidas al día, aplazadas o canceladas): %s en la instantánea, %s en %s."},
	"p.discrepancies": {"Source disagreements (source_discrepancies rows whose rule is not 'filled'): values: %s; fields concerned: %s; of these fields, corrected by an update row ('update wins'): %s.",
		"Désaccords entre sources (lignes de source_discrepancies dont la règle n'est pas «\u00a0filled\u00a0»)\u00a0: valeurs\u00a0: %s\u202f; champs concernés\u00a0: %s\u202f; parmi ces champs, corrigés par une ligne de mise à jour («\u00a0update wins\u00a0»)\u00a0: %s.",
		"Discrepancias entre fuentes (filas de source_discrepancies cuya regla no es «filled»): valores: %s; campos afectados: %s; de esos campos, corregidos por una fila de actualización («update wins»): %s."},
	"p.gap_obligations": {"Obligations data cover %s only: obligation_share is empty for %s of %s instrument pairs in %d.",
		"Les données d'obligations ne couvrent que %s\u00a0: obligation_share est vide pour %s des %s paires d'instruments en %d.",
		"Los datos de obligaciones solo cubren %s: obligation_share está vacío en %s de %s pares de instrumentos en %d."},
	"p.gap_agenda": {"Agenda theme profiles are missing for %s of %s instrument pairs in %d (an instrument held no meeting that year).",
		"Les profils thématiques des ordres du jour manquent pour %s des %s paires d'instruments en %d (un instrument n'a tenu aucune réunion cette année-là).",
		"Faltan los perfiles temáticos de las agendas en %s de %s pares de instrumentos en %d (un instrumento no celebró reuniones ese año)."},
	"p.gap_city": {"State-meetings without a known city in %s: %s (each counted as a trip of its own).",
		"Participations d'États sans ville connue en %s\u00a0: %s (chacune comptée comme un déplacement distinct).",
		"Participaciones de Estados sin ciudad conocida en %s: %s (cada una contada como un viaje propio)."},
	"p.sources": {"Every table above comes from this snapshot. Input files as recorded in manifest.json (SHA-256 shortened to 12 digits):",
		"Toutes les tables ci-dessus proviennent de cet instantané. Fichiers d'entrée tels que manifest.json les consigne (SHA-256 abrégé à 12 chiffres)\u00a0:",
		"Todas las tablas anteriores proceden de esta instantánea. Archivos de entrada según manifest.json (SHA-256 abreviado a 12 dígitos):"},
	"p.versions": {"Versions: %s.", "Versions\u00a0: %s.", "Versiones: %s."},
	"prov": {"Source: snapshot %s (created %s); tables %s; inputs %s.",
		"Source\u00a0: instantané %s (créé le %s)\u202f; tables %s\u202f; entrées %s.",
		"Fuente: instantánea %s (creada el %s); tablas %s; entradas %s."},
	"prov.files": {"%d files in %s", "%d fichiers dans %s", "%d archivos en %s"},

	// Column headers.
	"col.meeting":           {"Meeting", "Réunion", "Reunión"},
	"col.instrument":        {"Instrument", "Instrument", "Instrumento"},
	"col.body":              {"Body", "Organe", "Órgano"},
	"col.start":             {"Start", "Début", "Inicio"},
	"col.end":               {"End", "Fin", "Fin"},
	"col.city":              {"City", "Ville", "Ciudad"},
	"col.status":            {"Status", "Statut", "Estado"},
	"col.source":            {"Source", "Source", "Fuente"},
	"col.source_url":        {"source_url", "source_url", "source_url"},
	"col.pair":              {"Pair", "Paire", "Par"},
	"col.relation":          {"Relation", "Relation", "Relación"},
	"col.same_family":       {"Same family", "Même famille", "Misma familia"},
	"col.gap":               {"Gap (working days)", "Écart (jours ouvrables)", "Separación (días hábiles)"},
	"col.shared_parties":    {"Shared parties", "Parties communes", "Partes comunes"},
	"col.jaccard":           {"Jaccard", "Jaccard", "Jaccard"},
	"col.shared_themes":     {"Shared themes", "Thèmes communs", "Temas comunes"},
	"col.coherence":         {"Coherence", "Cohérence", "Coherencia"},
	"col.clash_cost":        {"Clash cost", "Coût du chevauchement", "Coste del choque"},
	"col.year":              {"Year", "Année", "Año"},
	"col.meetings":          {"Meetings", "Réunions", "Reuniones"},
	"col.pairs":             {"Pairs", "Paires", "Pares"},
	"col.clash":             {"Clash", "Chevauchement", "Choque"},
	"col.concurrent":        {"Concurrent", "Simultanées", "Simultáneas"},
	"col.b2b":               {"Back to back", "Consécutives", "Consecutivas"},
	"col.window":            {"Same-city window", "Même ville, ≤ 10 jours", "Misma ciudad, ≤ 10 días"},
	"col.separate":          {"Separate", "Séparées", "Separadas"},
	"col.same_family_pairs": {"Same-family pairs", "Paires même famille", "Pares misma familia"},
	"col.share_b2b":         {"Share with back-to-back partner", "Part avec réunion consécutive", "Proporción con reunión consecutiva"},
	"col.clash_shared":      {"Clash shared parties", "Parties communes en chevauchement", "Partes comunes en choque"},
	"col.state_meetings":    {"State-meetings", "Participations d'États", "Participaciones de Estados"},
	"col.trips":             {"Trips", "Déplacements", "Viajes"},
	"col.lower_bound":       {"Lower bound", "Minimum", "Mínimo"},
	"col.saveable":          {"Saveable", "Évitables", "Evitables"},
	"col.coh_index":         {"Coherence index", "Indice de cohérence", "Índice de coherencia"},
	"col.coh_clear":         {"Index, clearance", "Indice, dépollution", "Índice, remoción"},
	"col.coh_va":            {"Index, victim assistance", "Indice, assistance aux victimes", "Índice, asistencia a las víctimas"},
	"col.state":             {"State", "État", "Estado"},
	"col.states":            {"States", "États", "Estados"},
	"col.parties_a":         {"Parties A", "Parties A", "Partes A"},
	"col.parties_b":         {"Parties B", "Parties B", "Partes B"},
	"col.parties_both":      {"Party to both", "Parties aux deux", "Partes en ambos"},
	"col.cont_ab":           {"A in B", "A dans B", "A en B"},
	"col.cont_ba":           {"B in A", "B dans A", "B en A"},
	"col.obl_covered":       {"Obligations data", "Données d'obligations", "Datos de obligaciones"},
	"col.obl_states":        {"States, same-theme obligations", "États, obligations du même thème", "Estados, obligaciones del mismo tema"},
	"col.obl_share":         {"Obligation share", "Part d'obligations", "Proporción de obligaciones"},
	"col.cosine":            {"Agenda theme cosine", "Cosinus des thèmes", "Coseno de temas"},
	"col.potential":         {"Synergy potential", "Potentiel de synergie", "Potencial de sinergia"},
	"col.rank":              {"Rank", "Rang", "Puesto"},
	"col.theme":             {"Theme", "Thème", "Tema"},
	"col.article_a":         {"Article (A)", "Article (A)", "Artículo (A)"},
	"col.article_b":         {"Article (B)", "Article (B)", "Artículo (B)"},
	"col.article":           {"Article", "Article", "Artículo"},
	"col.kind":              {"Obligation kind", "Nature de l'obligation", "Tipo de obligación"},
	"col.summary":           {"Summary", "Résumé", "Resumen"},
	"col.change":            {"Change", "Variation", "Variación"},
	"col.consent":           {"Consent", "Consentement", "Consentimiento"},
	"col.consent_kind":      {"Kind", "Type", "Tipo"},
	"col.eif":               {"Entry into force", "Entrée en vigueur", "Entrada en vigor"},
	"col.derived":           {"Derived", "Calculée", "Calculada"},
	"col.notified":          {"Notified", "Notifié", "Notificado"},
	"col.effective":         {"Effective", "Effectif", "Efectivo"},
	"col.field":             {"Field", "Champ", "Campo"},
	"col.before":            {"Earlier value", "Valeur antérieure", "Valor anterior"},
	"col.after":             {"Published value", "Valeur publiée", "Valor publicado"},
	"col.reason":            {"Reason", "Motif", "Motivo"},
	"col.count":             {"Count", "Nombre", "Número"},
	"col.file":              {"File", "Fichier", "Archivo"},
	"col.line":              {"Line", "Ligne", "Línea"},
	"col.state_ids":         {"State codes", "Codes des États", "Códigos de los Estados"},
	"col.sha256":            {"SHA-256", "SHA-256", "SHA-256"},
	"col.bytes":             {"Bytes", "Octets", "Bytes"},
	"col.input":             {"Input", "Entrée", "Entrada"},
	"col.format":            {"Format", "Format", "Formato"},
	"col.figure":            {"Figure", "Chiffre", "Cifra"},
	"col.in_force":          {"In force on 31 Dec %d", "En vigueur au 31 déc. %d", "En vigor al 31 dic. %d"},

	// Key figures in the comparison table.
	"kf.meetings": {"Clearance / victim-assistance meetings", "Réunions dépollution / assistance aux victimes", "Reuniones remoción / asistencia a las víctimas"},
	"kf.pairs":    {"Pairs across families", "Paires entre familles", "Pares entre familias"},
	"kf.clash":    {"Clashes", "Chevauchements", "Choques"},
	"kf.b2b":      {"Back-to-back pairs", "Paires consécutives", "Pares consecutivos"},
	"kf.trips":    {"Delegation trips", "Déplacements de délégations", "Viajes de delegaciones"},
	"kf.saveable": {"Trips saveable", "Déplacements évitables", "Viajes evitables"},
	"kf.index":    {"Coherence index", "Indice de cohérence", "Índice de coherencia"},

	// Values.
	"yes":                           {"yes", "oui", "sí"},
	"no":                            {"no", "non", "no"},
	"and":                           {"and", "et", "y"},
	"theme.any":                     {"either", "l'un ou l'autre", "cualquiera"},
	"theme.clearance":               {"clearance", "dépollution", "remoción"},
	"theme.victim_assistance":       {"victim assistance", "assistance aux victimes", "asistencia a las víctimas"},
	"theme.stockpile_destruction":   {"stockpile destruction", "destruction des stocks", "destrucción de existencias"},
	"theme.cooperation_assistance":  {"cooperation and assistance", "coopération et assistance", "cooperación y asistencia"},
	"theme.transparency":            {"transparency", "transparence", "transparencia"},
	"theme.compliance":              {"compliance", "respect", "cumplimiento"},
	"theme.national_implementation": {"national implementation", "mise en œuvre nationale", "aplicación nacional"},
	"theme.universalization":        {"universalization", "universalisation", "universalización"},
	"rel.clash":                     {"clash", "chevauchement", "choque"},
	"rel.concurrent":                {"concurrent", "simultanées", "simultáneas"},
	"rel.back_to_back":              {"back to back", "consécutives", "consecutivas"},
	"rel.same_city_window":          {"same-city window", "même ville, ≤ 10 jours", "misma ciudad, ≤ 10 días"},
	"rel.separate":                  {"separate", "séparées", "separadas"},
	"status.held":                   {"held", "tenue", "celebrada"},
	"status.planned":                {"planned", "prévue", "prevista"},
	"status.postponed":              {"postponed", "reportée", "aplazada"},
	"status.cancelled":              {"cancelled", "annulée", "cancelada"},
	"status.unconfirmed":            {"dates past, not yet confirmed held", "dates passées, tenue non encore confirmée", "fechas pasadas, celebración aún no confirmada"},
	"mode.in_person":                {"in person", "en présentiel", "presencial"},
	"mode.online":                   {"online", "en ligne", "en línea"},
	"mode.hybrid":                   {"hybrid", "hybride", "híbrida"},
	"mode.written_procedure":        {"written procedure", "procédure écrite", "procedimiento escrito"},
	"col.mode":                      {"How held", "Modalité", "Modalidad"},
	"fmt.pair":                      {"%s–%s", "%s–%s", "%s–%s"},
	"fmt.srcline":                   {"%s:%d", "%s:%d", "%s:%d"},
	"fmt.range":                     {"%d–%d", "%d–%d", "%d–%d"},
}
