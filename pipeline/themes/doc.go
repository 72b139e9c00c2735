// Package themes tags agenda items and document titles with synergy's theme
// taxonomy (DESIGN.md §3) in the six UN languages.
//
// The taxonomy is data: datasets/themes.csv lists the themes and
// datasets/theme_terms.csv the terms of each theme per language, each with the
// official source it was taken from and the way it may match. [Load] reads both;
// [Tagger.Tag] returns the themes whose terms occur in a text and [Tagger.Explain]
// every term found, with where.
//
// # Normalisation
//
// Text and terms are both put through Unicode NFKC and case folding, then the
// language's own rules: Russian ё is read as е; French elided words (l', d', qu'
// …) are dropped; Arabic loses tashkeel, tatweel and the article ال (with a clitic
// و ف ب ك ل before it, or merged لل) and unifies alef forms, ة and ى; Chinese is
// converted from traditional to simplified characters (OpenCC t2s,
// github.com/longbridgeapp/opencc).
//
// # Match kinds
//
//   - stem (en, fr, es, ru, ar): the term's stems occur as consecutive words whose
//     stems are prefix-compatible. en, fr, es, ru use the Snowball stemmers
//     (github.com/kljensen/snowball): "разминирование" and "разминированию" both
//     give "разминирован". Arabic uses [lightStemArabic], a light stemmer after
//     Larkey et al. (2002), since no maintained Go library stems Arabic: "ومساعدة"
//     and "مساعدة" both give "مساعد". Diacritics are removed after stemming.
//   - prefix (all but zh): each text word starts with the term word.
//   - phrase (all but zh): exact normalised word sequence.
//   - substring (all; the only kind for zh): normalised substring.
//
// docs/tagger.md gives the measured precision and recall per language on
// testdata/labelled.csv and the known weaknesses.
package themes
