package themes

import (
	"sync"
	"unicode"

	"github.com/longbridgeapp/opencc"
)

// toSimplified converts traditional Chinese characters and words to simplified
// ones with OpenCC's t2s dictionaries (github.com/longbridgeapp/opencc, a pure Go
// port that embeds them). The taxonomy holds simplified terms only; a text in
// traditional characters ("銷毀儲存的殺傷人員地雷") is converted before matching.
// Text without Han characters is returned as it is.
func toSimplified(s string) string {
	if !hasHan(s) {
		return s
	}
	t2sOnce.Do(func() { t2s, t2sErr = opencc.New("t2s") })
	if t2sErr != nil {
		return s
	}
	out, err := t2s.Convert(s)
	if err != nil {
		return s
	}
	return out
}

var (
	t2sOnce sync.Once
	t2s     *opencc.OpenCC
	t2sErr  error
)

func hasHan(s string) bool {
	for _, r := range s {
		if unicode.Is(unicode.Han, r) {
			return true
		}
	}
	return false
}
