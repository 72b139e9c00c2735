package report

import "strings"

// front writes the title and the paragraphs under it.
func (b *builder) front(r *Report) error {
	l := b.l
	s := b.o.Snapshot
	r.Title = l.T("title", b.p.label(l))
	r.Front = []string{
		l.T("front.snapshot", s.Snapshot, s.CreatedAt, s.AsOf, b.p.label(l), b.prev.label(l)),
		l.T("intro"),
	}
	return nil
}

// sources writes the last section: the snapshot, its software versions and every
// input file of its manifest.
func (b *builder) sources(r *Report) error {
	l := b.l
	s := b.o.Snapshot
	sec := Section{ID: "sources", Level: 2, Title: l.T("sec.sources")}
	sec.Blocks = append(sec.Blocks, &Para{l.T("front.snapshot", s.Snapshot, s.CreatedAt, s.AsOf, b.p.label(l), b.prev.label(l))})
	if len(s.Versions) > 0 {
		var vs []string
		for _, k := range sortedKeys(s.Versions) {
			vs = append(vs, k+" "+s.Versions[k])
		}
		sec.Blocks = append(sec.Blocks, &Para{l.T("p.versions", strings.Join(vs, ", "))})
	}
	t := &Table{ID: "sources-inputs", Header: []string{l.T("col.input"), l.T("col.file"), l.T("col.format"), l.T("col.bytes"),
		l.T("col.sha256")}, Numeric: []bool{false, false, false, true, false}}
	for _, in := range s.Inputs {
		sum := in.SHA256
		if len(sum) > 12 {
			sum = sum[:12]
		}
		t.Rows = append(t.Rows, []string{in.Source, in.File, in.Format, l.Int(in.Bytes), sum})
	}
	sec.Blocks = append(sec.Blocks, &Para{l.T("p.sources")}, t)
	r.Sections = append(r.Sections, sec)
	return nil
}
