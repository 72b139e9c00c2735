package history

import (
	"bytes"
	"crypto/sha256"
	"encoding"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"reflect"
	"strconv"
	"strings"

	"synergy/pipeline/civil"
	"synergy/pipeline/rawtable"
)

// Entities observed, as the entity column spells them and as [RunInfo].Complete
// is keyed.
const (
	EntityParticipation = "participation"
	EntityMeeting       = "meeting"
	EntityAgendaItem    = "agenda_item"
	EntityObligation    = "obligation"
)

// Entities lists the observed entities in output order.
func Entities() []string {
	return []string{EntityAgendaItem, EntityMeeting, EntityObligation, EntityParticipation}
}

// provenance are the columns left out of a record's content: where in which file
// the row was read says nothing about what the source said, and moves whenever a
// line is inserted above it or a row migrates between files.
var provenance = map[string]bool{"source_file": true, "source_line": true}

// Current is one record as the current run reads it.
type Current struct {
	Entity string // one of the Entity constants (any non-empty name works)
	Key    string // stable key of the record within its entity
	// Content is the record; [Canonical] turns it into the stored content. A
	// record struct of package record is the usual value.
	Content any
}

// ParticipationKey is "<instrument>/<state>/<spell>", the key
// source_discrepancies uses too.
func ParticipationKey(p rawtable.Participation) string {
	return p.InstrumentID + "/" + p.StateID + "/" + strconv.Itoa(int(p.Spell))
}

// AgendaItemKey is "<meeting>/<lang>/<item number>".
func AgendaItemKey(a rawtable.AgendaItem) string {
	return a.MeetingID + "/" + a.Lang + "/" + a.ItemNumber
}

// ObligationKey is "<instrument>/<state>/<article>/<theme>/<start>", start as
// YYYY-MM-DD or empty when the source gives none.
func ObligationKey(o rawtable.Obligation) string {
	start := ""
	if o.StartDate != nil {
		start = o.StartDate.String()
	}
	return strings.Join([]string{o.InstrumentID, o.StateID, o.Article, o.Theme, start}, "/")
}

// FromParticipation returns one Current per participation spell, in input order.
func FromParticipation(rows []rawtable.Participation) []Current {
	out := make([]Current, len(rows))
	for i, r := range rows {
		out[i] = Current{Entity: EntityParticipation, Key: ParticipationKey(r), Content: r}
	}
	return out
}

// FromMeetings returns one Current per meeting, keyed by meeting_id, in input
// order.
func FromMeetings(rows []rawtable.Meeting) []Current {
	out := make([]Current, len(rows))
	for i, r := range rows {
		out[i] = Current{Entity: EntityMeeting, Key: r.MeetingID, Content: r}
	}
	return out
}

// FromAgendaItems returns one Current per agenda item, in input order.
func FromAgendaItems(rows []rawtable.AgendaItem) []Current {
	out := make([]Current, len(rows))
	for i, r := range rows {
		out[i] = Current{Entity: EntityAgendaItem, Key: AgendaItemKey(r), Content: r}
	}
	return out
}

// FromObligations returns one Current per obligation, in input order.
func FromObligations(rows []rawtable.Obligation) []Current {
	out := make([]Current, len(rows))
	for i, r := range rows {
		out[i] = Current{Entity: EntityObligation, Key: ObligationKey(r), Content: r}
	}
	return out
}

// Canonical returns the canonical JSON of a record and the lower-case hex SHA-256
// of that JSON.
//
// A struct becomes an object keyed by its fields' parquet column names (the Go
// field name when untagged; fields tagged "-" and unexported fields are left
// out), without the provenance-only columns source_file and source_line. Keys are
// sorted, [civil.Day] values are written as "YYYY-MM-DD", nil pointers as null,
// and HTML characters are not escaped. Any other value is encoded as
// encoding/json does, with object keys sorted. Equal records give byte-equal
// JSON whatever the order of their struct fields.
//
// Canonical panics if v cannot be encoded as JSON (channels, functions, NaN),
// which no record type contains.
func Canonical(v any) (content, sha string) {
	if a, ok := v.(rawtable.AgendaItem); ok { // most records: without reflection
		return encodeCanonical(agendaItemJSON{ItemNumber: a.ItemNumber, Lang: a.Lang, MeetingID: a.MeetingID,
			Partial: a.Partial, SourceURL: a.SourceURL, Symbol: a.Symbol, Title: a.Title}, v)
	}
	return encodeCanonical(canonicalValue(reflect.ValueOf(v)), v)
}

// agendaItemJSON is a [rawtable.AgendaItem] as Canonical writes it: encoding/json
// writes a struct's fields in their order, here the sorted column names, and
// encodes each value as it would the map canonicalValue makes, so the bytes are
// the same (tested) at a fraction of the cost.
type agendaItemJSON struct {
	ItemNumber string  `json:"item_number"`
	Lang       string  `json:"lang"`
	MeetingID  string  `json:"meeting_id"`
	Partial    bool    `json:"partial"`
	SourceURL  string  `json:"source_url"`
	Symbol     *string `json:"symbol"`
	Title      string  `json:"title"`
}

// encodeCanonical is Canonical's encoding of x, the plain form of record v.
func encodeCanonical(x, v any) (content, sha string) {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(x); err != nil {
		panic(fmt.Sprintf("history: canonical JSON of %T: %v", v, err))
	}
	out := bytes.TrimSuffix(b.Bytes(), []byte("\n"))
	sum := sha256.Sum256(out)
	return string(out), hex.EncodeToString(sum[:])
}

var (
	dayType           = reflect.TypeFor[civil.Day]()
	marshalerType     = reflect.TypeFor[json.Marshaler]()
	textMarshalerType = reflect.TypeFor[encoding.TextMarshaler]()
)

// canonicalValue maps v to plain values encoding/json writes canonically: maps
// (whose keys it sorts), slices and scalars.
func canonicalValue(v reflect.Value) any {
	if !v.IsValid() {
		return nil
	}
	if v.Type() == dayType {
		return civil.Day(v.Int()).String()
	}
	switch v.Kind() {
	case reflect.Pointer, reflect.Interface:
		if v.IsNil() {
			return nil
		}
		return canonicalValue(v.Elem())
	case reflect.Struct:
		if v.Type().Implements(marshalerType) || v.Type().Implements(textMarshalerType) {
			return v.Interface() // time.Time and the like encode themselves
		}
		m := make(map[string]any, v.NumField())
		t := v.Type()
		for i := range t.NumField() {
			f := t.Field(i)
			if !f.IsExported() {
				continue
			}
			name := f.Name
			if tag, ok := f.Tag.Lookup("parquet"); ok {
				if n, _, _ := strings.Cut(tag, ","); n == "-" {
					continue
				} else if n != "" {
					name = n
				}
			}
			if provenance[name] {
				continue
			}
			m[name] = canonicalValue(v.Field(i))
		}
		return m
	case reflect.Slice, reflect.Array:
		if v.Kind() == reflect.Slice && v.IsNil() {
			return nil
		}
		if v.Type().Elem().Kind() == reflect.Uint8 {
			return v.Interface() // []byte: base64, as encoding/json does
		}
		s := make([]any, v.Len())
		for i := range s {
			s[i] = canonicalValue(v.Index(i))
		}
		return s
	case reflect.Map:
		if v.IsNil() {
			return nil
		}
		m := make(map[string]any, v.Len())
		iter := v.MapRange()
		for iter.Next() {
			m[fmt.Sprint(iter.Key().Interface())] = canonicalValue(iter.Value())
		}
		return m
	default:
		return v.Interface()
	}
}
