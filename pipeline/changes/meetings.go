package changes

import (
	"strings"

	"synergy/pipeline/history"
)

// meetingFacts are the fields of a meeting whose change is news; the others
// (confidence, source_url, precision and text columns) come with them.
var meetingFacts = []string{"title", "body", "code", "city", "country_id", "venue", "mode", "president",
	"agenda_clearance", "agenda_victim_assistance", "agenda_stockpile", "agenda_cooperation", "agenda_transparency"}

// meetingChanges describes a meeting version that began in this run.
func meetingChanges(o history.Observation, before, now record) []Change {
	c := Change{Entity: o.Entity, Key: o.Key, Source: now.str("source_url"), Date: now.str("start_date")}
	label := o.Key + " (" + now.str("title") + ")"
	when := dates(now)
	switch o.Change {
	case history.ChangeAdded:
		c.Kind, c.Text = KindMeetingAdded, label+": "+when+place(now)+", "+now.str("status")
		return []Change{c}
	case history.ChangeRemoved:
		c.Kind, c.Text = KindMeetingRemoved, label+": no longer listed by its sources"
		return []Change{c}
	}
	var out []Change
	add := func(kind, text string) {
		x := c
		x.Kind, x.Text = kind, label+": "+text
		out = append(out, x)
	}
	moved := differ(before, now, "start_date", "end_date", "city")
	switch {
	case before.str("start_date") == "" && now.str("start_date") != "":
		add(KindMeetingDated, "now dated "+when+place(now)+" (was "+orWord(before.str("start_text"), "undated")+")")
	case len(moved) > 0:
		add(KindMeetingMoved, "moved to "+when+place(now)+" (was "+dates(before)+place(before)+")")
	}
	if s, was := now.str("status"), before.str("status"); s != was {
		switch s {
		case "cancelled":
			add(KindMeetingCancelled, "cancelled (was "+was+")")
		case "postponed":
			add(KindMeetingPostponed, "postponed (was "+was+")")
		case "held":
			add(KindMeetingHeld, "held "+when)
		default:
			add(KindMeetingChanged, "status "+s+" (was "+was+")")
		}
	}
	if f := differ(before, now, meetingFacts...); len(f) > 0 {
		add(KindMeetingChanged, "changed: "+strings.Join(f, ", "))
	}
	return out
}

func dates(r record) string {
	s, e := r.str("start_date"), r.str("end_date")
	switch {
	case s == "":
		return orWord(r.str("start_text"), "undated")
	case e == "" || e == s:
		return s
	}
	return s + " to " + e
}

func place(r record) string {
	if c := r.str("city"); c != "" {
		return " in " + c
	}
	return ""
}

// obligationFacts are the fields of an obligation whose change is news.
var obligationFacts = []string{"original_deadline", "deadline", "extensions_granted", "status", "status_date", "completed_date"}

// obligationChanges describes an obligation version that began in this run.
func obligationChanges(o history.Observation, before, now record) []Change {
	c := Change{Kind: KindObligation, Entity: o.Entity, Key: o.Key, Source: now.str("source_url"), Date: now.str("deadline")}
	label := now.str("state_id") + ", " + now.str("instrument_id") + " Art. " + now.str("article") + " (" + now.str("theme") + ")"
	switch o.Change {
	case history.ChangeAdded:
		c.Text = label + ": new obligation, deadline " + orWord(now.str("deadline"), "none given") + ", " + now.str("status")
	case history.ChangeRemoved:
		c.Text = label + ": no longer listed by its sources"
	default:
		f := differ(before, now, obligationFacts...)
		if len(f) == 0 {
			return nil
		}
		parts := make([]string, len(f))
		for i, name := range f {
			parts[i] = name + " " + orWord(now.str(name), "none") + " (was " + orWord(before.str(name), "none") + ")"
		}
		c.Text = label + ": " + strings.Join(parts, "; ")
	}
	return []Change{c}
}
