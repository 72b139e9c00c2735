// Package rawtable defines the rows of synergy's raw Parquet tables: what the readers
// produce after validation and what the SQL models read. Field tags fix the column
// names and types analysts query (docs/data-dictionary.md); change them only with the
// dictionary.
package rawtable

import "synergy/pipeline/civil"

// Instrument is one treaty or protocol (table instruments).
type Instrument struct {
	InstrumentID       string     `parquet:"instrument_id,dict"`
	ShortName          string     `parquet:"short_name"`
	FullName           string     `parquet:"full_name"`
	Family             string     `parquet:"family,dict"`
	ParentID           *string    `parquet:"parent_instrument_id,optional"`
	AdoptedDate        *civil.Day `parquet:"adopted_date,date,optional"`
	EntryIntoForceDate *civil.Day `parquet:"entry_into_force_date,date,optional"`
	Depositary         string     `parquet:"depositary"`
	UNTCID             *string    `parquet:"untc_id,optional"`
	EIFRule            string     `parquet:"eif_rule"`
	SourceURL          string     `parquet:"source_url"`
	// The names in French and Spanish as the treaty's text and the UN write them
	// (file instrument_names.csv); NULL where no source gives one.
	// NamesFrEsSourceURL cites them, "fr: <source> | es: <source>".
	ShortNameFR        *string `parquet:"short_name_fr,optional"`
	ShortNameES        *string `parquet:"short_name_es,optional"`
	FullNameFR         *string `parquet:"full_name_fr,optional"`
	FullNameES         *string `parquet:"full_name_es,optional"`
	AcronymFR          *string `parquet:"acronym_fr,optional"`
	AcronymES          *string `parquet:"acronym_es,optional"`
	NamesFrEsSourceURL *string `parquet:"names_fr_es_source_url,optional"`
}

// InstrumentArticle maps an article of an instrument to a theme (table
// instrument_articles).
type InstrumentArticle struct {
	InstrumentID   string `parquet:"instrument_id,dict"`
	Article        string `parquet:"article"`
	Theme          string `parquet:"theme,dict"`
	ObligationKind string `parquet:"obligation_kind,dict"`
	Summary        string `parquet:"summary"`
	SourceURL      string `parquet:"source_url"`
}

// State is a state that appears in any source (table states).
type State struct {
	StateID   string  `parquet:"state_id"` // ISO 3166-1 alpha-3
	Name      string  `parquet:"name"`     // English short name
	M49Code   *string `parquet:"m49_code,optional"`
	Region    *string `parquet:"region,optional,dict"`
	SubRegion *string `parquet:"sub_region,optional,dict"`
	SourceURL string  `parquet:"source_url"`
	// NameFR and NameES are the UN's short names in French and Spanish (M49), cited
	// by NameFrEsSourceURL; NULL where no source gives them.
	NameFR            *string `parquet:"name_fr,optional"`
	NameES            *string `parquet:"name_es,optional"`
	NameFrEsSourceURL *string `parquet:"name_fr_es_source_url,optional"`
}

// StateName is one spelling of a state's name seen in the sources (table state_names).
type StateName struct {
	Name      string `parquet:"name"`
	StateID   string `parquet:"state_id"`
	Note      string `parquet:"note"`
	SourceURL string `parquet:"source_url"`
}

// Participation is one spell of a state in an instrument (table participation).
type Participation struct {
	StateID                 string     `parquet:"state_id,dict"`
	InstrumentID            string     `parquet:"instrument_id,dict"`
	Spell                   int32      `parquet:"spell"`
	StateNameInSource       string     `parquet:"state_name_in_source"`
	SignatureDate           *civil.Day `parquet:"signature_date,date,optional"`
	ConsentDate             *civil.Day `parquet:"consent_date,date,optional"`
	ConsentKind             *string    `parquet:"consent_kind,optional,dict"`
	EntryIntoForceDate      *civil.Day `parquet:"entry_into_force_date,date,optional"`
	EntryIntoForceDerived   bool       `parquet:"entry_into_force_derived"`
	WithdrawalNotifiedDate  *civil.Day `parquet:"withdrawal_notified_date,date,optional"`
	WithdrawalEffectiveDate *civil.Day `parquet:"withdrawal_effective_date,date,optional"`
	WithdrawalStatus        *string    `parquet:"withdrawal_status,optional,dict"`
	SourceURL               string     `parquet:"source_url"`
	Confidence              string     `parquet:"confidence"`
	SourceFile              string     `parquet:"source_file,dict"`
	SourceLine              int32      `parquet:"source_line"`
}

// Meeting is one formal meeting of an instrument's bodies (table meetings). Dates the
// source gives only to the month or year keep start_date or end_date NULL; the
// precision columns and the *_text columns say what the source gave.
//
// Mode is one of the Mode… constants; ModeStated says a source states it (a
// "(virtual)", "(hybrid)" or "(written procedure)" note, or a mode column), where
// in_person is otherwise what a source giving a place implies. Virtual is Mode ==
// ModeOnline. Status is one of the Status… constants, settled against the run's
// as-of day by [Meeting.SettleStatus] (the manifest records that day; it is not a
// column, so the history of a meeting changes only when its status does).
type Meeting struct {
	MeetingID          string     `parquet:"meeting_id"`
	InstrumentID       string     `parquet:"instrument_id,dict"`
	Body               string     `parquet:"body,dict"`
	Code               string     `parquet:"code"`
	Title              string     `parquet:"title"`
	StartDate          *civil.Day `parquet:"start_date,date,optional"`
	EndDate            *civil.Day `parquet:"end_date,date,optional"`
	StartPrecision     string     `parquet:"start_precision,dict"`
	EndPrecision       string     `parquet:"end_precision,dict"`
	StartText          string     `parquet:"start_text"`
	EndText            string     `parquet:"end_text"`
	City               *string    `parquet:"city,optional,dict"`
	CountryID          *string    `parquet:"country_id,optional,dict"`
	Venue              *string    `parquet:"venue,optional"`
	Virtual            bool       `parquet:"virtual"`
	Mode               string     `parquet:"mode,dict"`
	ModeStated         bool       `parquet:"mode_stated"`
	Status             string     `parquet:"status,dict"`
	President          *string    `parquet:"president,optional"`
	AgendaClearance    *bool      `parquet:"agenda_clearance,optional"`
	AgendaVictimAssist *bool      `parquet:"agenda_victim_assistance,optional"`
	AgendaStockpile    *bool      `parquet:"agenda_stockpile,optional"`
	AgendaCooperation  *bool      `parquet:"agenda_cooperation,optional"`
	AgendaTransparency *bool      `parquet:"agenda_transparency,optional"`
	SourceURL          string     `parquet:"source_url"`
	Confidence         string     `parquet:"confidence"`
	SourceFile         string     `parquet:"source_file,dict"`
	SourceLine         int32      `parquet:"source_line"`
}

// AgendaItem is one item of a meeting's agenda in one language (table agenda_items).
type AgendaItem struct {
	MeetingID  string  `parquet:"meeting_id"`
	ItemNumber string  `parquet:"item_number"`
	Lang       string  `parquet:"lang,dict"` // ISO 639-1
	Title      string  `parquet:"title"`
	Symbol     *string `parquet:"symbol,optional"`
	Partial    bool    `parquet:"partial"`
	SourceURL  string  `parquet:"source_url"`
	SourceFile string  `parquet:"source_file,dict"`
	SourceLine int32   `parquet:"source_line"`
}

// Reject is an input row the pipeline refused (table rejects).
type Reject struct {
	SourceFile string `parquet:"source_file,dict"`
	Line       int32  `parquet:"line"`
	Field      string `parquet:"field,dict"`
	Reason     string `parquet:"reason"`
	Raw        string `parquet:"raw"`
}

// Theme is one theme of the taxonomy (table themes).
type Theme struct {
	ThemeID     string `parquet:"theme_id,dict"`
	Label       string `parquet:"label"` // English label
	Description string `parquet:"description"`
	SourceURL   string `parquet:"source_url"`
}

// AgendaItemTheme is one theme the tagger found in one agenda item, with the term
// that matched (table agenda_item_themes).
type AgendaItemTheme struct {
	MeetingID  string `parquet:"meeting_id"`
	ItemNumber string `parquet:"item_number"`
	Lang       string `parquet:"lang,dict"`
	ThemeID    string `parquet:"theme_id,dict"`
	Term       string `parquet:"term"` // the taxonomy term that matched
}

// Obligation is one treaty obligation of one state: a deadline-bound clearance or
// stockpile-destruction duty, or a responsibility for survivors (table obligations).
type Obligation struct {
	StateID           string     `parquet:"state_id,dict"`
	InstrumentID      string     `parquet:"instrument_id,dict"`
	Article           string     `parquet:"article"`
	Theme             string     `parquet:"theme,dict"`
	StartDate         *civil.Day `parquet:"start_date,date,optional"`
	OriginalDeadline  *civil.Day `parquet:"original_deadline,date,optional"`
	Deadline          *civil.Day `parquet:"deadline,date,optional"` // current deadline after extensions
	ExtensionsGranted *int32     `parquet:"extensions_granted,optional"`
	Extensions        string     `parquet:"extensions"` // the source's account of each extension
	Status            string     `parquet:"status,dict"`
	StatusDate        *civil.Day `parquet:"status_date,date,optional"`
	CompletedDate     *civil.Day `parquet:"completed_date,date,optional"`
	SourceURL         string     `parquet:"source_url"`
	Confidence        string     `parquet:"confidence"`
	SourceFile        string     `parquet:"source_file,dict"`
	SourceLine        int32      `parquet:"source_line"`
}

// SourceDiscrepancy is one source's value of a field that two or more input rows
// speak of, and whether the pipeline used it (table source_discrepancies). The rows
// of one (entity_key, field) show together which sources say what.
type SourceDiscrepancy struct {
	Entity     string `parquet:"entity,dict"` // participation or meeting
	EntityKey  string `parquet:"entity_key"`  // "<instrument>/<state>/<spell>" or the meeting id
	Field      string `parquet:"field,dict"`
	Value      string `parquet:"value"`
	Used       bool   `parquet:"used"` // this value is the one published
	UsedValue  string `parquet:"used_value"`
	Rule       string `parquet:"rule,dict"` // how the merge settled it
	SourceFile string `parquet:"source_file,dict"`
	SourceLine int32  `parquet:"source_line"`
	SourceURL  string `parquet:"source_url"`
}
