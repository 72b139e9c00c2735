// Package notebook reads and writes Jupyter notebooks (nbformat 4) and executes
// their SQL cells, the way papermill executes a notebook with a kernel, but against
// synergy's embedded DuckDB instead of a Python kernel (none can run on the
// project's machines; see STACK.md, "Notebooks: what works here").
//
// # The %%sql convention
//
// A code cell whose first line is the cell magic %%sql (jupysql, ipython-sql)
// holds one SQL statement: the rest of the cell. [Execute] runs each such cell
// through a [Querier] and writes its result as Jupyter would: an execution_count
// and one execute_result output with a text/plain and a text/html rendering of at
// most [Options.MaxRows] rows. Every other code cell (the Python that loads the
// views in Jupyter) is skipped, and the cell's metadata says so
// ("synergy": {"skipped": …}). A cell with more than one statement, or with
// options after %%sql, gets an error output (ename UsageError) rather than being
// guessed at.
//
// # Errors
//
// A failing cell gets an error output (ename, evalue, traceback) and execution
// stops there, as papermill stops: later cells are left without outputs and
// execution_count. [Execute] then returns an error matching [ErrCellFailed] under
// errors.Is, and [*CellError] under errors.As names the cell.
//
// # Files
//
// [Parse] reads a notebook from an io.Reader and keeps every field it does not
// know (notebook, cell and output level), so a round trip loses nothing.
// [Notebook.Encode] writes it as nbformat does on disk: keys sorted, one-space
// indent, multi-line strings as lists of lines, and a final newline. Nothing
// in an executed notebook depends on the clock, so executing the same notebook
// on the same snapshot twice gives identical bytes; the snapshot id goes into
// the notebook's metadata ("synergy": {"snapshot": …}).
package notebook
