package themes

import (
	"strings"
	"unicode"

	"golang.org/x/text/cases"
	"golang.org/x/text/runes"
	"golang.org/x/text/transform"
	"golang.org/x/text/unicode/norm"
)

// fold applies NFKC and Unicode case folding, then the language's own rules:
// ё→е for Russian; tashkeel and tatweel removal and alef / ta marbuta / alef maqsura
// unification for Arabic; traditional to simplified characters for Chinese. Diacritics of Latin text are kept here (the French and
// Spanish stemmers need them) and removed by [stripMarks] after stemming.
func fold(s, lang string) string {
	if isASCII(s) { // NFKC leaves ASCII as it is, and case folding is then ToLower
		return strings.ToLower(s)
	}
	s = norm.NFKC.String(s)
	s = cases.Fold().String(s)
	switch lang {
	case "ru":
		s = strings.ReplaceAll(s, "ё", "е")
	case "ar":
		s = foldArabic(s)
	case "zh":
		s = toSimplified(s)
	}
	return s
}

// stripMarks removes combining marks after NFD ("déminage" → "deminage").
func stripMarks(s string) string {
	if isASCII(s) { // no combining marks: skip building the transform chain
		return s
	}
	t := transform.Chain(norm.NFD, runes.Remove(runes.In(unicode.Mn)), norm.NFC)
	out, _, err := transform.String(t, s)
	if err != nil {
		return s
	}
	return out
}

// foldArabic removes tashkeel (U+064B–U+0652, U+0670) and tatweel (U+0640), maps
// أ إ آ ٱ to ا, ة to ه and ى to ي, and drops the definite article ال (with an
// optional clitic و ف ب ك ل before it, and the merged لل) at the start of each word,
// so "والألغام", "الألغام" and "ألغام" all become "الغام".
func foldArabic(s string) string {
	var b strings.Builder
	for _, r := range s {
		if (r >= 0x064B && r <= 0x0652) || r == 0x0670 || r == 0x0640 {
			continue
		}
		b.WriteRune(r)
	}
	// The article is a bare alef (U+0627) and lam, so it is dropped before the
	// hamza forms of alef are unified: "ألغام" must keep its first letters.
	words := strings.Fields(b.String())
	for i, w := range words {
		words[i] = strings.Map(func(r rune) rune {
			switch r {
			case 'أ', 'إ', 'آ', 'ٱ':
				return 'ا'
			case 'ة':
				return 'ه'
			case 'ى':
				return 'ي'
			}
			return r
		}, stripArticle(w))
	}
	return strings.Join(words, " ")
}

func stripArticle(w string) string {
	rs := []rune(w)
	min := 2 // keep at least two letters of stem
	if len(rs) > 2+min && strings.ContainsRune("وفبكل", rs[0]) && rs[1] == 'ا' && rs[2] == 'ل' {
		return string(rs[3:])
	}
	if len(rs) > 2+min && rs[0] == 'ل' && rs[1] == 'ل' {
		return string(rs[2:])
	}
	if len(rs) > 2+min && rs[0] == 'ا' && rs[1] == 'ل' {
		return string(rs[2:])
	}
	return w
}

// words splits folded text into runs of letters and digits.
func words(s string) []string {
	return strings.FieldsFunc(s, func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r) && !unicode.Is(unicode.Mn, r)
	})
}

// wordsIn splits folded text of lang into words and drops French elided words
// (the l, d, qu … of "l'article", "d'assistance", "jusqu'à"): the apostrophe
// already splits them off, and a stored text may have lost it ("l universalité"),
// so terms and texts match with or without the article.
func wordsIn(s, lang string) []string {
	ws := words(s)
	if lang != "fr" {
		return ws
	}
	out := ws[:0]
	for _, w := range ws {
		if !frenchElided[w] {
			out = append(out, w)
		}
	}
	return out
}

var frenchElided = set("l", "d", "j", "m", "n", "s", "t", "c", "qu", "jusqu", "lorsqu", "puisqu")

// isASCII reports whether s is all ASCII, the common case the normalisers skip.
func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			return false
		}
	}
	return true
}
