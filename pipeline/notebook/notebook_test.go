package notebook_test

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"synergy/pipeline/notebook"
)

// A notebook as Jupyter saves it, with fields the package does not know at
// every level: they must survive a round trip byte for byte.
const jupyterSaved = `{
 "cells": [
  {
   "attachments": {
    "x.png": {
     "image/png": "iVBORw0KGgo="
    }
   },
   "cell_type": "markdown",
   "id": "md-1",
   "metadata": {
    "tags": [
     "intro"
    ]
   },
   "source": [
    "# Title <b>&</b> ünïcode\n",
    "\n",
    "text"
   ]
  },
  {
   "cell_type": "code",
   "execution_count": 12,
   "id": "c_2",
   "metadata": {
    "collapsed": false,
    "custom": 1.50
   },
   "outputs": [
    {
     "name": "stdout",
     "output_type": "stream",
     "text": [
      "a\n",
      "b\n"
     ]
    },
    {
     "data": {
      "application/json": {
       "k": [
        1,
        2
       ]
      },
      "text/plain": [
       "x"
      ]
     },
     "execution_count": 12,
     "metadata": {},
     "output_type": "display_data",
     "transient": {
      "display_id": "d"
     }
    }
   ],
   "source": [
    "print('a')"
   ]
  },
  {
   "cell_type": "raw",
   "id": "r",
   "metadata": {
    "format": "text/x-sql"
   },
   "source": []
  }
 ],
 "metadata": {
  "kernelspec": {
   "display_name": "Python 3",
   "language": "python",
   "name": "python3"
  },
  "unknown_tool": {
   "nested": [
    null,
    true,
    "s"
   ]
  }
 },
 "nbformat": 4,
 "nbformat_minor": 5,
 "zz_extra_top_level": 1
}
`

func TestParseRoundTrip(t *testing.T) {
	nb, err := notebook.Parse(strings.NewReader(jupyterSaved))
	if err != nil {
		t.Fatal(err)
	}
	if len(nb.Cells) != 3 || nb.Cells[0].Source != "# Title <b>&</b> ünïcode\n\ntext" || nb.Cells[1].Type != notebook.Code ||
		*nb.Cells[1].ExecutionCount != 12 || nb.Cells[2].Source != "" || nb.Cells[0].Extra["attachments"] == nil {
		t.Errorf("parsed %+v", nb)
	}
	if err := nb.Validate(); err != nil {
		t.Errorf("Validate: %v", err)
	}
	var b bytes.Buffer
	if err := nb.Encode(&b); err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(jupyterSaved, b.String()); diff != "" {
		t.Errorf("round trip (-want +got):\n%s", diff)
	}
}

func TestParseAcceptsStringSourcesAndOlderMinor(t *testing.T) {
	in := `{"nbformat": 4, "nbformat_minor": 2, "metadata": {}, "cells": [
		{"cell_type": "code", "source": "%%sql\nselect 1", "metadata": {}, "outputs": [], "execution_count": null}]}`
	nb, err := notebook.Parse(strings.NewReader(in))
	if err != nil {
		t.Fatal(err)
	}
	if nb.Cells[0].Source != "%%sql\nselect 1" || nb.Cells[0].ID != "" {
		t.Errorf("cell %+v", nb.Cells[0])
	}
	err = nb.Validate()
	if !errors.Is(err, notebook.ErrInvalid) || !strings.Contains(err.Error(), "4.2") || !strings.Contains(err.Error(), "no id") {
		t.Errorf("Validate = %v; want the version and the missing id", err)
	}
	var b bytes.Buffer
	nb.Encode(&b)
	if !strings.Contains(b.String(), "\"source\": [\n    \"%%sql\\n\",\n    \"select 1\"\n   ]") {
		t.Errorf("source not written as lines:\n%s", b.String())
	}
}

func TestParseErrors(t *testing.T) {
	cases := []struct {
		name, in     string
		want         error
		line, column int
		msg          string
	}{
		{"empty", ``, notebook.ErrSyntax, 1, 1, "unexpected end"},
		{"truncated", "{\n \"cells\": [\n", notebook.ErrSyntax, 3, 1, "line 3"},
		{"bad token", "{\n \"cells\": x}", notebook.ErrSyntax, 2, 12, "line 2, column 12"},
		{"trailing data", `{"nbformat": 4} {}`, notebook.ErrSyntax, 1, 17, "line 1, column 17: not a JSON notebook: data after"},
		{"array", `[]`, notebook.ErrSyntax, 0, 0, "top level is an array"},
		{"nbformat 3", `{"nbformat": 3, "nbformat_minor": 0, "worksheets": []}`, notebook.ErrVersion, 0, 0, "nbformat 3, want 4"},
		{"no nbformat", `{"cells": []}`, notebook.ErrVersion, 0, 0, "nbformat: nbformat is missing"},
		{"no cells", `{"nbformat": 4, "nbformat_minor": 5, "metadata": {}}`, notebook.ErrStructure, 0, 0, "cells: "},
		{"cell type", `{"nbformat": 4, "nbformat_minor": 5, "cells": [{"source": ""}]}`, notebook.ErrStructure, 0, 0, "cell 0: cell_type"},
		{"source numbers", `{"nbformat": 4, "nbformat_minor": 5, "cells": [{"cell_type": "code", "source": [1]}]}`, notebook.ErrStructure, 0, 0, "cell 0: source"},
		{"execution count", `{"nbformat": 4, "nbformat_minor": 5, "cells": [{"cell_type": "code", "source": "", "execution_count": 1.5}]}`, notebook.ErrStructure, 0, 0, "execution_count"},
		{"outputs", `{"nbformat": 4, "nbformat_minor": 5, "cells": [{"cell_type": "code", "source": "", "outputs": [1]}]}`, notebook.ErrStructure, 0, 0, "outputs[0]"},
		{"metadata", `{"nbformat": 4, "nbformat_minor": 5, "metadata": [], "cells": []}`, notebook.ErrStructure, 0, 0, "metadata"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			_, err := notebook.Parse(strings.NewReader(tc.in))
			var pe *notebook.ParseError
			if !errors.Is(err, tc.want) || !errors.As(err, &pe) || !strings.Contains(err.Error(), tc.msg) {
				t.Fatalf("err %v; want %v mentioning %q", err, tc.want, tc.msg)
			}
			if tc.line > 0 && (pe.Line != tc.line || pe.Column != tc.column) {
				t.Errorf("at line %d, column %d; want %d, %d", pe.Line, pe.Column, tc.line, tc.column)
			}
		})
	}
}

func TestValidateIDs(t *testing.T) {
	nb := &notebook.Notebook{Format: 4, FormatMinor: 5, Cells: []*notebook.Cell{
		{ID: "a", Type: notebook.Markdown}, {ID: "a", Type: notebook.Code}, {ID: "bad id", Type: notebook.Raw},
		{ID: strings.Repeat("x", 65), Type: notebook.Raw},
	}}
	err := nb.Validate()
	for _, want := range []string{`cell 1: id "a" already used by cell 0`, `cell 2: id "bad id"`, "cell 3: id"} {
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("Validate = %v; want %q", err, want)
		}
	}
}

// The testdata notebooks are canonical: parsing and encoding gives their bytes.
func TestTestdataIsCanonical(t *testing.T) {
	paths, _ := filepath.Glob(filepath.Join("testdata", "*", "*.ipynb"))
	for _, p := range paths {
		data, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		nb, err := notebook.Parse(bytes.NewReader(data))
		if err != nil {
			t.Fatalf("%s: %v", p, err)
		}
		var b bytes.Buffer
		nb.Encode(&b)
		if !bytes.Equal(b.Bytes(), data) {
			t.Errorf("%s: round trip changed it", p)
		}
	}
}
