package job

import (
	"bytes"
	"debug/elf"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
)

// goBuildIDSection is where the go command stores an ELF binary's build ID.
const goBuildIDSection = ".note.go.buildid"

// GoBuildIDVersion returns "go-build:<build ID>", the code version of an ELF
// executable built by the go command, read from its .note.go.buildid note; ok is
// false when r is not ELF or has no such note. The build ID's last part is the
// go command's hash of the linked file's content, so it changes whenever the
// binary does, like [ExecutableVersion]'s digest, but reading it costs a few
// reads instead of hashing the whole executable (over 100 MB, with DuckDB).
func GoBuildIDVersion(r io.ReaderAt) (version string, ok bool, err error) {
	f, err := elf.NewFile(r)
	if err != nil {
		return "", false, nil // not ELF: the caller hashes the file
	}
	sec := f.Section(goBuildIDSection)
	if sec == nil {
		return "", false, nil
	}
	data, err := sec.Data()
	if err != nil {
		return "", false, fmt.Errorf("read %s: %w", goBuildIDSection, err)
	}
	id, err := parseGoBuildIDNote(data, f.ByteOrder)
	if err != nil {
		return "", false, err
	}
	return "go-build:" + id, true, nil
}

// parseGoBuildIDNote reads the build ID from an ELF note: name size, desc size
// and type (4 bytes each), the name "Go" padded to 4 bytes, then the ID.
func parseGoBuildIDNote(data []byte, order binary.ByteOrder) (string, error) {
	const header = 12
	if len(data) < header {
		return "", fmt.Errorf("%s: %d bytes, want at least %d", goBuildIDSection, len(data), header)
	}
	nameSize := int(order.Uint32(data[0:]))
	descSize := int(order.Uint32(data[4:]))
	nameEnd := header + (nameSize+3)&^3
	if nameSize != 4 || nameEnd > len(data) || !bytes.Equal(data[header:header+nameSize], []byte("Go\x00\x00")) {
		return "", fmt.Errorf("%s: note is not the go command's", goBuildIDSection)
	}
	if descSize == 0 || descSize > len(data)-nameEnd {
		return "", fmt.Errorf("%s: build ID of %d bytes in a note of %d", goBuildIDSection, descSize, len(data))
	}
	id := string(data[nameEnd : nameEnd+descSize])
	if bytes.ContainsAny([]byte(id), "\x00\n\"") {
		return "", errors.New(goBuildIDSection + ": build ID holds a NUL, newline or quote")
	}
	return id, nil
}
