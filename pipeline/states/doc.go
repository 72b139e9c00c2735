// Package states loads synergy's state tables (datasets/states.csv and
// datasets/state_names.csv) and resolves the many spellings of a state's name that
// the treaty, meeting and obligation sources use to one ISO 3166-1 alpha-3 code.
//
// # Input
//
// [Load] reads two CSV files with a header row:
//
//	states.csv:      state_id,name,m49_code,region,sub_region,source_url[,name_fr,name_es,name_fr_es_source_url]
//	state_names.csv: name,state_id,note,source_url
//
// state_id is three upper-case ASCII letters; m49_code, region and sub_region may be
// empty; name and source_url may not. The three bracketed columns come together or
// not at all: the state's short name in French and in Spanish as the UN writes it,
// which may be empty where no source gives it, and their source, which may not be
// empty when either name is set. Those names are carried to the states table; they
// are not used for matching. Every state_id in state_names.csv must appear in
// states.csv. Syntax errors stop the load; row validation errors are collected with
// [errors.Join], each a [*ParseError] that names the file, line and column.
//
// # Matching
//
// [Resolver.Resolve] compares names after normalising both sides the same way:
//
//   - Unicode NFKC, so that superscript digits and compatibility forms fold;
//   - apostrophe-like characters (’ ‘ ʼ ` ´ ′) become ';
//   - trailing footnote numbers and markers glued to the name are dropped
//     ("Montenegro 6", "Netherlands (Kingdom of the)4", "Denmark 1, 2", "Chad*");
//   - Unicode case folding;
//   - diacritics are removed (Türkiye matches Turkiye, Côte d'Ivoire matches
//     Cote d'Ivoire);
//   - runs of white space collapse to one space, leading and trailing space is dropped;
//   - a leading "The " is ignored.
//
// The normalised form is used for matching only; the tables keep the spellings as the
// sources wrote them. A name that is not in the tables is not guessed: Resolve returns
// ok == false and the caller records a reject. An ISO 3166-1 alpha-3 code of a loaded
// state (in any letter case) also resolves, to itself; names take precedence.
//
// Two spellings whose normalised forms are equal but that point to different states
// make [Load] fail with [ErrAmbiguousName], so the tables can never make Resolve
// depend on row order.
package states
