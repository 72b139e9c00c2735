package themes

import (
	"strings"
	"unicode"
)

// Guess returns the language TagAny uses for text: "zh" when Han characters
// outnumber the other scripts, "ar" for Arabic script, "ru" for Cyrillic, and for
// Latin script "fr", "es" or "en" by counting a few function words of each and the
// letters only one of French and Spanish writes (ñ ó á í ú ¿ ¡; è ê à ç ù â î ô û ë ï œ);
// ties and no evidence give "en". Empty text gives "".
func Guess(text string) string {
	var han, arabic, cyr, latin int
	for _, r := range text {
		switch {
		case unicode.Is(unicode.Han, r):
			han++
		case unicode.Is(unicode.Arabic, r):
			arabic++
		case unicode.Is(unicode.Cyrillic, r):
			cyr++
		case unicode.Is(unicode.Latin, r):
			latin++
		}
	}
	best, lang := 0, ""
	for _, c := range []struct {
		n    int
		lang string
	}{{latin, "latin"}, {han * 3, "zh"}, {arabic, "ar"}, {cyr, "ru"}} {
		if c.n > best {
			best, lang = c.n, c.lang
		}
	}
	if lang != "latin" {
		return lang
	}
	score := map[string]int{}
	for _, r := range text {
		switch {
		case strings.ContainsRune("ñóáíúÑÓÁÍÚ¿¡", r):
			score["es"]++
		case strings.ContainsRune("èêàçùâîôûëïœÈÊÀÇÙÂÎÔÛ", r):
			score["fr"]++
		}
	}
	for _, w := range words(fold(text, "en")) {
		for l, set := range functionWords {
			if set[w] {
				score[l]++
			}
		}
	}
	lang = "en"
	if score["fr"] > score[lang] {
		lang = "fr"
	}
	if score["es"] > score[lang] {
		lang = "es"
	}
	return lang
}

var functionWords = map[string]map[string]bool{
	"en": set("the", "of", "and", "to", "on", "for", "with"),
	"fr": set("le", "les", "des", "du", "et", "aux", "au", "l", "d", "sur", "à"),
	"es": set("el", "los", "las", "del", "y", "sobre", "al", "por"),
}

func set(ws ...string) map[string]bool {
	m := make(map[string]bool, len(ws))
	for _, w := range ws {
		m[w] = true
	}
	return m
}
