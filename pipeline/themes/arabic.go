package themes

import "strings"

// lightStemArabic reduces one folded Arabic word (see [foldArabic]: no tashkeel,
// alef forms unified, ة as ه, ى as ي, article already dropped) to a light stem:
// one leading conjunction or preposition clitic (و ف ب ك ل) and the common
// attached suffixes (pronouns, dual and sound plurals, nisba, feminine ending).
//
// No maintained Go library does Arabic light stemming (the Snowball Arabic
// stemmer is not in github.com/kljensen/snowball), so this follows the "light10"
// rules of Larkey, Ballesteros and Connell (2002), "Improving stemming for Arabic
// information retrieval", SIGIR, trimmed to what the folding leaves: prefixes are
// removed only when at least three letters stay, suffixes only when at least two
// stay, each list once and in order. Broken plurals (ألغام / لغم, ضحايا / ضحية)
// are not unified: their forms are separate terms.
func lightStemArabic(w string) string {
	rs := []rune(w)
	if len(rs) > 3 && strings.ContainsRune("وفبكل", rs[0]) {
		rs = rs[1:]
	}
	for _, suf := range arabicSuffixes {
		s := []rune(suf)
		if len(rs)-len(s) >= 2 && string(rs[len(rs)-len(s):]) == suf {
			rs = rs[:len(rs)-len(s)]
		}
	}
	return string(rs)
}

// arabicSuffixes is light10's suffix list after folding (ة is ه): ها ان ات ون ين
// يه ية ه ة ي.
var arabicSuffixes = []string{"ها", "ان", "ات", "ون", "ين", "يه", "ه", "ي"}
