package scheduler

import (
	"fmt"
	"sort"
	"strings"
)

// A FieldError is one problem in an input file, located by the JSON path of
// the value at fault (such as $.doctors[3].wishes[0].weight) and explained in
// words a coordinator understands.
type FieldError struct {
	Path   string `json:"path"`
	Reason string `json:"reason"`
}

func (e FieldError) String() string { return e.Path + ": " + e.Reason }

// FieldErrors lists every problem found in a file at once, so that the
// coordinator can fix them all in one pass.
type FieldErrors []FieldError

// maxFieldErrors bounds how many problems one file reports: past that, more
// detail helps nobody and a hostile file could make the list huge.
const maxFieldErrors = 500

func (es FieldErrors) Error() string {
	var b strings.Builder
	switch len(es) {
	case 0:
		return "no problem"
	case 1:
		b.WriteString("1 problem:")
	default:
		fmt.Fprintf(&b, "%d problems:", len(es))
	}
	for _, e := range es {
		b.WriteString("\n  ")
		b.WriteString(e.String())
	}
	return b.String()
}

// add records a problem at path; reasons are formatted like fmt.Sprintf.
func (es *FieldErrors) add(path, format string, args ...any) {
	if len(*es) == maxFieldErrors {
		*es = append(*es, FieldError{Path: "$", Reason: "too many problems; fix these first"})
	}
	if len(*es) > maxFieldErrors {
		return
	}
	*es = append(*es, FieldError{Path: path, Reason: fmt.Sprintf(format, args...)})
}

// err returns the list as an error, or nil when it is empty.
func (es FieldErrors) err() error {
	if len(es) == 0 {
		return nil
	}
	return es
}

// sortByPath orders problems by path: parts compare as text, except list
// indexes, which compare as numbers (doctors[2] before doctors[10]).
func (es FieldErrors) sortByPath() {
	sort.SliceStable(es, func(i, j int) bool { return pathLess(es[i].Path, es[j].Path) })
}

func pathLess(a, b string) bool {
	for a != "" && b != "" {
		pa, ra := nextPathPart(a)
		pb, rb := nextPathPart(b)
		if pa != pb {
			na, aNum := indexOf(pa)
			nb, bNum := indexOf(pb)
			if aNum && bNum {
				return na < nb
			}
			return pa < pb
		}
		a, b = ra, rb
	}
	return len(a) < len(b)
}

func nextPathPart(p string) (part, rest string) {
	i := 1
	for i < len(p) && p[i] != '.' && p[i] != '[' {
		i++
	}
	return p[:i], p[i:]
}

func indexOf(part string) (int, bool) {
	if len(part) < 3 || part[0] != '[' || part[len(part)-1] != ']' {
		return 0, false
	}
	n := 0
	for _, c := range part[1 : len(part)-1] {
		if c < '0' || c > '9' {
			return 0, false
		}
		n = n*10 + int(c-'0')
	}
	return n, true
}

func fieldPath(parent, name string) string  { return parent + "." + name }
func indexPath(parent string, i int) string { return fmt.Sprintf("%s[%d]", parent, i) }
