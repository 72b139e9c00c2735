package notebook

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"regexp"
	"strings"
)

// Cell types nbformat 4 defines.
const (
	Code     = "code"
	Markdown = "markdown"
	Raw      = "raw"
)

// Notebook is an nbformat 4 notebook. Fields the package does not interpret
// are kept as decoded JSON (objects as map[string]any, numbers as json.Number)
// so that [Notebook.Encode] writes them back unchanged.
type Notebook struct {
	Format      int            // nbformat: always 4
	FormatMinor int            // nbformat_minor: 5 for cells with ids
	Metadata    map[string]any // notebook metadata (kernelspec, language_info …), never nil after Parse
	Cells       []*Cell
	Extra       map[string]any // other top-level fields, nil when none
}

// Cell is one cell. Source is the text as one string (nbformat may store it as
// a list of lines; Encode writes a list of lines as Jupyter does).
type Cell struct {
	ID       string // "" when the notebook (before 4.5) has none
	Type     string // Code, Markdown or Raw (another type is kept as is)
	Source   string
	Metadata map[string]any // never nil after Parse
	// ExecutionCount and Outputs belong to code cells only; nil ExecutionCount
	// is JSON null (not executed).
	ExecutionCount *int
	Outputs        []map[string]any
	Extra          map[string]any // other fields (attachments …), nil when none
}

// Parse reads one notebook from r. Syntax errors are [*ParseError]s with line
// and column; a notebook that is not nbformat 4 matches [ErrVersion], one with
// a missing or mistyped field [ErrStructure].
func Parse(r io.Reader) (*Notebook, error) {
	data, err := io.ReadAll(r)
	if err != nil {
		return nil, fmt.Errorf("notebook: %w", err)
	}
	obj, err := decodeObject(data)
	if err != nil {
		return nil, err
	}
	nb, err := parseHeader(obj)
	if err != nil {
		return nil, err
	}
	cells, ok := obj["cells"].([]any)
	if !ok {
		return nil, structural(-1, "cells", "%s, want an array", describe(obj["cells"]))
	}
	nb.Cells = make([]*Cell, len(cells))
	for i, raw := range cells {
		if nb.Cells[i], err = parseCell(i, raw); err != nil {
			return nil, err
		}
	}
	nb.Extra = rest(obj, "nbformat", "nbformat_minor", "metadata", "cells")
	return nb, nil
}

// decodeObject decodes data as one JSON object, numbers kept as json.Number.
func decodeObject(data []byte) (map[string]any, error) {
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	var top any
	if err := dec.Decode(&top); err != nil {
		return nil, syntaxError(data, dec.InputOffset(), err)
	}
	if rest := bytes.TrimLeft(data[dec.InputOffset():], " \t\r\n"); len(rest) > 0 {
		return nil, syntaxError(data, int64(len(data)-len(rest)), errors.New("data after the notebook object"))
	}
	obj, ok := top.(map[string]any)
	if !ok {
		return nil, &ParseError{Cell: -1, Err: fmt.Errorf("%w: top level is %s, want an object", ErrSyntax, kind(top))}
	}
	return obj, nil
}

// parseHeader reads the notebook-level fields other than the cells: the format
// version, which must be 4, and the metadata.
func parseHeader(obj map[string]any) (*Notebook, error) {
	nb := &Notebook{}
	major, ok := intField(obj["nbformat"])
	if !ok {
		return nil, &ParseError{Cell: -1, Field: "nbformat", Err: fmt.Errorf("%w: nbformat is %s, want 4", ErrVersion, describe(obj["nbformat"]))}
	}
	if major != 4 {
		return nil, &ParseError{Cell: -1, Field: "nbformat", Err: fmt.Errorf("%w: nbformat %d, want 4", ErrVersion, major)}
	}
	nb.Format = major
	if nb.FormatMinor, ok = intField(obj["nbformat_minor"]); !ok || nb.FormatMinor < 0 {
		return nil, structural(-1, "nbformat_minor", "%s, want a non-negative integer", describe(obj["nbformat_minor"]))
	}
	if nb.Metadata, ok = objectField(obj, "metadata"); !ok {
		return nil, structural(-1, "metadata", "%s, want an object", describe(obj["metadata"]))
	}
	return nb, nil
}

// parseCell reads cell i.
func parseCell(i int, raw any) (*Cell, error) {
	c, ok := raw.(map[string]any)
	if !ok {
		return nil, structural(i, "", "%s, want an object", describe(raw))
	}
	cell := &Cell{}
	if cell.Type, ok = c["cell_type"].(string); !ok {
		return nil, structural(i, "cell_type", "%s, want a string", describe(c["cell_type"]))
	}
	if id, present := c["id"]; present {
		if cell.ID, ok = id.(string); !ok {
			return nil, structural(i, "id", "%s, want a string", describe(id))
		}
	}
	if cell.Source, ok = multiline(c["source"]); !ok {
		return nil, structural(i, "source", "%s, want a string or an array of strings", describe(c["source"]))
	}
	if cell.Metadata, ok = objectField(c, "metadata"); !ok {
		return nil, structural(i, "metadata", "%s, want an object", describe(c["metadata"]))
	}
	if cell.Type == Code {
		if err := parseCodeFields(i, c, cell); err != nil {
			return nil, err
		}
	}
	cell.Extra = rest(c, "id", "cell_type", "source", "metadata", "execution_count", "outputs")
	if cell.Type != Code {
		// execution_count and outputs on a markdown cell are kept, not interpreted.
		for _, k := range []string{"execution_count", "outputs"} {
			if v, present := c[k]; present {
				if cell.Extra == nil {
					cell.Extra = map[string]any{}
				}
				cell.Extra[k] = v
			}
		}
	}
	return cell, nil
}

// parseCodeFields reads the fields only a code cell has, c's execution_count and
// outputs, into cell i.
func parseCodeFields(i int, c map[string]any, cell *Cell) error {
	switch n := c["execution_count"].(type) {
	case nil:
	case json.Number:
		v, err := n.Int64()
		if err != nil || v < 0 || int64(int(v)) != v {
			return structural(i, "execution_count", "%s, want null or a non-negative integer", n)
		}
		count := int(v)
		cell.ExecutionCount = &count
	default:
		return structural(i, "execution_count", "%s, want null or an integer", describe(n))
	}
	outs, present := c["outputs"]
	if !present {
		return nil
	}
	list, ok := outs.([]any)
	if !ok {
		return structural(i, "outputs", "%s, want an array", describe(outs))
	}
	cell.Outputs = make([]map[string]any, len(list))
	for j, o := range list {
		if cell.Outputs[j], ok = o.(map[string]any); !ok {
			return structural(i, fmt.Sprintf("outputs[%d]", j), "%s, want an object", describe(o))
		}
	}
	return nil
}

// structural is the [*ParseError] of a missing or mistyped field of the notebook
// (cell -1) or of a cell.
func structural(cell int, field, format string, args ...any) error {
	return &ParseError{Cell: cell, Field: field, Err: fmt.Errorf("%w: "+format, append([]any{ErrStructure}, args...)...)}
}

// Encode writes nb as nbformat writes notebooks to disk (json.dumps with
// sort_keys and indent=1, non-ASCII as is, a final newline): sources and the
// text of outputs as lists of lines. Equal notebooks give identical bytes.
func (nb *Notebook) Encode(w io.Writer) error {
	cells := make([]any, len(nb.Cells))
	for i, c := range nb.Cells {
		m := map[string]any{}
		for k, v := range c.Extra {
			m[k] = v
		}
		if c.ID != "" {
			m["id"] = c.ID
		}
		m["cell_type"] = c.Type
		m["source"] = splitLines(c.Source)
		m["metadata"] = orEmpty(c.Metadata)
		if c.Type == Code {
			if c.ExecutionCount != nil {
				m["execution_count"] = *c.ExecutionCount
			} else {
				m["execution_count"] = nil
			}
			outs := make([]any, len(c.Outputs))
			for j, o := range c.Outputs {
				outs[j] = splitOutput(o)
			}
			m["outputs"] = outs
		}
		cells[i] = m
	}
	top := map[string]any{}
	for k, v := range nb.Extra {
		top[k] = v
	}
	top["nbformat"] = nb.Format
	top["nbformat_minor"] = nb.FormatMinor
	top["metadata"] = orEmpty(nb.Metadata)
	top["cells"] = cells
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", " ")
	if err := enc.Encode(top); err != nil {
		return fmt.Errorf("notebook: encode: %w", err)
	}
	return nil
}

// idPattern is nbformat 4.5's cell id: 1 to 64 of letters, digits, '-' and '_'.
var idPattern = regexp.MustCompile(`^[a-zA-Z0-9_-]{1,64}$`)

// Validate checks the project's convention on top of nbformat 4: minor version
// 5 or later and a unique, well-formed id on every cell. The problems are
// joined, each matching [ErrInvalid].
func (nb *Notebook) Validate() error {
	var errs []error
	if nb.Format != 4 || nb.FormatMinor < 5 {
		errs = append(errs, fmt.Errorf("%w: nbformat %d.%d, want 4.5 or later", ErrInvalid, nb.Format, nb.FormatMinor))
	}
	seen := map[string]int{}
	for i, c := range nb.Cells {
		switch {
		case c.ID == "":
			errs = append(errs, fmt.Errorf("%w: cell %d has no id", ErrInvalid, i))
		case !idPattern.MatchString(c.ID):
			errs = append(errs, fmt.Errorf("%w: cell %d: id %q is not 1-64 of [a-zA-Z0-9_-]", ErrInvalid, i, c.ID))
		default:
			if j, dup := seen[c.ID]; dup {
				errs = append(errs, fmt.Errorf("%w: cell %d: id %q already used by cell %d", ErrInvalid, i, c.ID, j))
			}
			seen[c.ID] = i
		}
	}
	return errors.Join(errs...)
}

// splitLines is nbformat's split_lines: the text as lines, each keeping its
// "\n"; "" is an empty list.
func splitLines(s string) []string {
	lines := strings.SplitAfter(s, "\n")
	if lines[len(lines)-1] == "" {
		lines = lines[:len(lines)-1]
	}
	return lines
}

// splitOutput writes the multi-line strings of an output as nbformat does:
// text/* and other non-JSON mime data of execute_result and display_data, and
// stream text, as lists of lines. The output map itself is not modified.
func splitOutput(o map[string]any) map[string]any {
	out := make(map[string]any, len(o))
	for k, v := range o {
		out[k] = v
	}
	switch o["output_type"] {
	case "execute_result", "display_data":
		if data, ok := o["data"].(map[string]any); ok {
			d := make(map[string]any, len(data))
			for mime, v := range data {
				if s, ok := v.(string); ok && !isJSONMime(mime) {
					d[mime] = splitLines(s)
				} else {
					d[mime] = v
				}
			}
			out["data"] = d
		}
	case "stream":
		if s, ok := o["text"].(string); ok {
			out["text"] = splitLines(s)
		}
	}
	return out
}

func isJSONMime(mime string) bool {
	return mime == "application/json" || strings.HasSuffix(mime, "+json")
}

func multiline(v any) (string, bool) {
	switch x := v.(type) {
	case string:
		return x, true
	case []any:
		var b strings.Builder
		for _, e := range x {
			s, ok := e.(string)
			if !ok {
				return "", false
			}
			b.WriteString(s)
		}
		return b.String(), true
	}
	return "", false
}

func intField(v any) (int, bool) {
	n, ok := v.(json.Number)
	if !ok {
		return 0, false
	}
	i, err := n.Int64()
	if err != nil || int64(int(i)) != i {
		return 0, false
	}
	return int(i), true
}

// objectField returns obj[key] as an object; a missing key is an empty object.
func objectField(obj map[string]any, key string) (map[string]any, bool) {
	v, present := obj[key]
	if !present {
		return map[string]any{}, true
	}
	m, ok := v.(map[string]any)
	return m, ok
}

func rest(obj map[string]any, known ...string) map[string]any {
	var out map[string]any
	for k, v := range obj {
		if !contains(known, k) {
			if out == nil {
				out = map[string]any{}
			}
			out[k] = v
		}
	}
	return out
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

func orEmpty(m map[string]any) map[string]any {
	if m == nil {
		return map[string]any{}
	}
	return m
}

func kind(v any) string {
	switch v.(type) {
	case nil:
		return "null"
	case map[string]any:
		return "an object"
	case []any:
		return "an array"
	case string:
		return "a string"
	case json.Number:
		return "a number"
	case bool:
		return "a boolean"
	}
	return fmt.Sprintf("%T", v)
}

func describe(v any) string {
	if v == nil {
		return "missing or null"
	}
	return kind(v)
}

// syntaxError locates a JSON decoding error by line and column.
func syntaxError(data []byte, offset int64, err error) error {
	var se *json.SyntaxError
	if errors.As(err, &se) {
		offset = se.Offset
	}
	var te *json.UnmarshalTypeError
	if errors.As(err, &te) {
		offset = te.Offset
	}
	if errors.Is(err, io.EOF) || errors.Is(err, io.ErrUnexpectedEOF) {
		offset = int64(len(data))
		err = errors.New("unexpected end of input")
	}
	if offset > int64(len(data)) {
		offset = int64(len(data))
	}
	line := 1 + bytes.Count(data[:offset], []byte("\n"))
	col := int(offset) - bytes.LastIndexByte(data[:offset], '\n')
	return &ParseError{Line: line, Column: col, Cell: -1, Err: fmt.Errorf("%w: %v", ErrSyntax, err)}
}
