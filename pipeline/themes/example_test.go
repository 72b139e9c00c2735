package themes_test

import (
	"fmt"
	"strings"

	"synergy/pipeline/themes"
)

func Example() {
	const themesCSV = `theme_id,label,description,source_url
clearance,Clearance,Clearance of mined areas,https://example.org/themes
victim_assistance,Victim assistance,Assistance to victims,https://example.org/themes
`
	const termsCSV = `theme_id,lang,term,match,source_url
clearance,en,clearing mined areas,stem,https://example.org/en
clearance,fr,déminage,stem,https://example.org/fr
clearance,zh,排雷,substring,https://example.org/zh
victim_assistance,en,assisting the victims,stem,https://example.org/en
`
	tg, err := themes.Load(strings.NewReader(themesCSV), strings.NewReader(termsCSV))
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(tg.Tag("11.C. Clearing mined areas; assisting the victims", "en"))
	fmt.Println(tg.Tag("Déminer les zones", "fr"))
	fmt.Println(tg.TagAny("国际排雷合作"))
	// Output:
	// [{clearance clearing mined areas} {victim_assistance assisting the victims}]
	// [{clearance déminage}]
	// [{clearance 排雷}]
}
