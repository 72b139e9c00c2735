package changes

import (
	"strings"

	"synergy/pipeline/civil"
	"synergy/pipeline/history"
)

// who is "State, INSTRUMENT" for a participation record.
func who(r record) string {
	name := r.str("state_name_in_source")
	if name == "" {
		name = r.str("state_id")
	}
	return name + " (" + r.str("state_id") + "), " + r.str("instrument_id")
}

// participationChanges lists the facts of a participation spell that are new or
// different in this run: its consent (with the entry into force it brings), its
// signature, a new entry-into-force date, a withdrawal; or its removal.
func participationChanges(o history.Observation, before, now record) []Change {
	c := Change{Entity: o.Entity, Key: o.Key, Source: now.str("source_url")}
	if o.Change == history.ChangeRemoved {
		c.Kind, c.Text = KindParticipationEnded, who(now)+": no longer listed by its sources"
		return []Change{c}
	}
	var out []Change
	add := func(kind, date, text string) {
		x := c
		x.Kind, x.Date, x.Text = kind, date, who(now)+": "+text
		out = append(out, x)
	}
	consent, eif := now.str("consent_date"), now.str("entry_into_force_date")
	switch {
	case consent != before.str("consent_date") && consent != "":
		text := orWord(now.str("consent_kind"), "consent") + " " + consent
		if eif != "" {
			text += ", in force for it from " + eif
		}
		add(KindConsent, consent, text+was(before, "consent_date"))
	case eif != before.str("entry_into_force_date") && eif != "":
		add(KindEntryIntoForce, eif, "in force for it from "+eif+was(before, "entry_into_force_date"))
	}
	if sig := now.str("signature_date"); sig != before.str("signature_date") && sig != "" {
		add(KindSignature, sig, "signature "+sig+was(before, "signature_date"))
	}
	if w := differ(before, now, "withdrawal_notified_date", "withdrawal_effective_date", "withdrawal_status"); len(w) > 0 {
		n, e := now.str("withdrawal_notified_date"), now.str("withdrawal_effective_date")
		if n != "" || e != "" {
			text := "withdrawal notified " + orWord(n, "(date not given)")
			if e != "" {
				text += ", taking effect " + e
			}
			if s := now.str("withdrawal_status"); s != "" {
				text += " (" + s + ")"
			}
			add(KindWithdrawal, n, text)
		}
	}
	if len(out) == 0 && o.Change == history.ChangeAdded && consent == "" {
		add(KindSignature, "", "listed without signature or consent date")
	}
	return out
}

// datesPassed lists the entry into force and the withdrawal of an unchanged spell
// whose dates fell after the previous snapshot's as-of day and by this run's.
func datesPassed(o history.Observation, run Run) []Change {
	if run.PreviousAsOf == 0 {
		return nil
	}
	r := content(o.ContentJSON)
	var out []Change
	for _, f := range []struct{ field, kind, text string }{
		{"entry_into_force_date", KindEntryIntoForce, "in force for it from "},
		{"withdrawal_effective_date", KindWithdrawalEffective, "withdrawal takes effect "},
	} {
		d, err := civil.ParseDay(r.str(f.field))
		if err != nil || d <= run.PreviousAsOf || d > run.AsOf {
			continue
		}
		out = append(out, Change{Kind: f.kind, Entity: o.Entity, Key: o.Key, Date: d.String(),
			Text: who(r) + ": " + f.text + d.String(), Source: r.str("source_url")})
	}
	return out
}

// was says what a changed field said before (" (was …)"), or nothing if it was empty.
func was(before record, field string) string {
	if v := before.str(field); v != "" {
		return " (was " + v + ")"
	}
	return ""
}

func orWord(s, word string) string {
	if strings.TrimSpace(s) == "" {
		return word
	}
	return s
}
