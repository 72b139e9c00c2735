// Package themes tags agenda items and document titles with synergy's theme
// taxonomy (DESIGN.md §3) in the six UN languages.
//
// The taxonomy is data: datasets/themes.csv lists the themes and
// datasets/theme_terms.csv the terms of each theme per language, each with the
// official source it was taken from. [Load] reads both; [Tagger.Tag] returns the
// themes whose terms occur in a text.
//
// # Normalisation
//
// Text and terms are both put through Unicode NFKC and case folding. Then, by
// language:
//
//   - en, fr, es, ru: text is split into words (runs of letters and digits). For
//     "stem" terms each word is reduced with the Snowball stemmer of its language
//     (github.com/kljensen/snowball) and a term matches when its stems occur as
//     consecutive words whose stems start with them ("déminage" and "Déminer" both
//     give "demin"; "разминирование" and "разминированию" give "разминирован").
//     Diacritics are removed after stemming, so "deminage" still matches. Russian ё
//     is read as е.
//   - ar: tashkeel and tatweel are removed, أ إ آ ٱ become ا, ة becomes ه, ى
//     becomes ي, and the article ال (with a clitic و ف ب ك ل before it, or merged
//     لل) is dropped at the start of words; terms then match as substrings, so
//     "والألغام" and "ألغام" both contain the term "الألغام".
//   - zh: terms match as substrings of the text (no word boundaries needed).
//     Only simplified characters are in the taxonomy.
//
// "phrase" terms match as exact folded word sequences.
//
// docs/tagger.md gives the measured precision and recall on testdata/labelled.csv
// and the known weaknesses.
package themes
