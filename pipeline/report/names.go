package report

// names are the names a French or Spanish report prints for what the data name in
// English: states (UN M49 names, raw table states), instruments (the acronym the
// treaties' texts and the UN use in that language, raw table instruments) and
// meeting bodies (raw table meeting_body_names). Where the data hold no name in the
// language, the English name or the id stays: a gap is shown, never filled.
type names struct {
	states      map[string]string    // state_id → name
	instruments map[string]string    // instrument_id → acronym
	short       map[string]string    // instrument_id → short name
	bodies      map[[2]string]string // (instrument_id, body) → name
}

// loadNames reads the names of the report's language (the names section); for
// English the queries find none.
func (b *builder) loadNames(*Report) error {
	b.names = names{states: map[string]string{}, instruments: map[string]string{}, short: map[string]string{},
		bodies: map[[2]string]string{}}
	lang := string(b.l)
	st, err := b.query("names_states", lang)
	if err != nil {
		return err
	}
	for i := range st.len() {
		b.names.states[st.str(i, "state_id")] = st.str(i, "name")
	}
	in, err := b.query("names_instruments", lang)
	if err != nil {
		return err
	}
	for i := range in.len() {
		b.names.instruments[in.str(i, "instrument_id")] = in.str(i, "label")
		b.names.short[in.str(i, "instrument_id")] = in.str(i, "short_name")
	}
	bo, err := b.query("names_bodies", lang)
	if err != nil {
		return err
	}
	for i := range bo.len() {
		b.names.bodies[[2]string{bo.str(i, "instrument_id"), bo.str(i, "body")}] = bo.str(i, "name")
	}
	return nil
}

// titleOr is a meeting's title for a human-facing table, its id where the data
// give no title (ids stay in the Parquet).
func titleOr(title, id string) string {
	if title != "" {
		return title
	}
	return id
}

// state is the state's name in the report's language, else fallback.
func (n names) state(id, fallback string) string {
	if s := n.states[id]; s != "" {
		return s
	}
	return fallback
}

// inst is the instrument's label in the report's language, else its id.
func (n names) inst(id string) string {
	if s := n.instruments[id]; s != "" {
		return s
	}
	return id
}

// instName is the instrument's short name in the report's language, else fallback.
func (n names) instName(id, fallback string) string {
	if s := n.short[id]; s != "" {
		return s
	}
	return fallback
}

// insts labels each id of ids.
func (n names) insts(ids []string) []string {
	out := make([]string, len(ids))
	for i, id := range ids {
		out[i] = n.inst(id)
	}
	return out
}

// body is the name of an instrument's meeting body in the report's language, else
// the body as the data give it.
func (n names) body(instrument, body string) string {
	if s := n.bodies[[2]string{instrument, body}]; s != "" {
		return s
	}
	return body
}
