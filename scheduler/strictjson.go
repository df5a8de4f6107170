package scheduler

import (
	"bytes"
	"encoding"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math"
	"reflect"
	"strconv"
	"strings"
	"sync"
	"unicode"
)

// decodeStrict reads a JSON document into v (a pointer to a struct) and
// reports every problem at once with its JSON path: unknown and repeated
// fields, missing required ones (tagged garde:"required"), values of the
// wrong type, nulls, blank strings, and values a type's UnmarshalText
// rejects. encoding/json stops at the first problem and accepts unknown
// fields, which is not what a coordinator fixing a file needs.
//
// A syntax error stops decoding: it is reported alone, with its line and column.
func decodeStrict(data []byte, v any) FieldErrors {
	root, err := parseJSONTree(data)
	if err != nil {
		return FieldErrors{{Path: "$", Reason: err.Error()}}
	}
	var errs FieldErrors
	d := treeDecoder{errs: &errs}
	d.decode("$", root, reflect.ValueOf(v).Elem())
	return errs
}

type jsonKind uint8

const (
	jsonNull jsonKind = iota
	jsonBool
	jsonNumber
	jsonString
	jsonArray
	jsonObject
)

func (k jsonKind) String() string {
	return [...]string{"null", "true or false", "a number", "a string", "a list", "an object"}[k]
}

// jsonNode is a parsed JSON value that keeps object keys in file order and
// remembers repeated keys, which map-based decoding would silently merge.
type jsonNode struct {
	kind   jsonKind
	b      bool
	num    json.Number
	str    string
	keys   []string
	values []*jsonNode // object values (parallel to keys) or array items
}

// maxJSONDepth bounds nesting; no territory file comes near it, and it keeps
// a hostile file from exhausting the stack.
const maxJSONDepth = 64

func parseJSONTree(data []byte) (*jsonNode, error) {
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	p := treeParser{dec: dec, data: data}
	root, err := p.value(0)
	if err != nil {
		return nil, err
	}
	if _, err := dec.Token(); err != io.EOF {
		return nil, p.syntaxError(errors.New("unexpected data after the end of the document"))
	}
	return root, nil
}

type treeParser struct {
	dec  *json.Decoder
	data []byte
}

func (p *treeParser) syntaxError(err error) error {
	off := p.dec.InputOffset()
	var se *json.SyntaxError
	if errors.As(err, &se) {
		off = se.Offset
	}
	if err == io.EOF || errors.Is(err, io.ErrUnexpectedEOF) {
		err = errors.New("the document ends too early")
		off = int64(len(p.data))
	}
	line, col := lineColumn(p.data, off)
	msg := err.Error()
	msg = strings.TrimPrefix(msg, "json: ")
	return fmt.Errorf("not valid JSON at line %d, column %d: %s", line, col, msg)
}

func lineColumn(data []byte, off int64) (line, col int) {
	if off > int64(len(data)) {
		off = int64(len(data))
	}
	before := data[:off]
	line = bytes.Count(before, []byte{'\n'}) + 1
	col = int(off) - bytes.LastIndexByte(before, '\n')
	return line, col
}

func (p *treeParser) value(depth int) (*jsonNode, error) {
	if depth > maxJSONDepth {
		return nil, p.syntaxError(fmt.Errorf("nested more than %d levels deep", maxJSONDepth))
	}
	tok, err := p.dec.Token()
	if err != nil {
		return nil, p.syntaxError(err)
	}
	switch t := tok.(type) {
	case nil:
		return &jsonNode{kind: jsonNull}, nil
	case bool:
		return &jsonNode{kind: jsonBool, b: t}, nil
	case json.Number:
		return &jsonNode{kind: jsonNumber, num: t}, nil
	case string:
		return &jsonNode{kind: jsonString, str: t}, nil
	case json.Delim:
		switch t {
		case '[':
			n := &jsonNode{kind: jsonArray}
			for p.dec.More() {
				item, err := p.value(depth + 1)
				if err != nil {
					return nil, err
				}
				n.values = append(n.values, item)
			}
			if _, err := p.dec.Token(); err != nil {
				return nil, p.syntaxError(err)
			}
			return n, nil
		case '{':
			n := &jsonNode{kind: jsonObject}
			for p.dec.More() {
				kt, err := p.dec.Token()
				if err != nil {
					return nil, p.syntaxError(err)
				}
				key, _ := kt.(string) // the decoder guarantees object keys are strings
				val, err := p.value(depth + 1)
				if err != nil {
					return nil, err
				}
				n.keys = append(n.keys, key)
				n.values = append(n.values, val)
			}
			if _, err := p.dec.Token(); err != nil {
				return nil, p.syntaxError(err)
			}
			return n, nil
		}
	}
	return nil, p.syntaxError(fmt.Errorf("unexpected %v", tok))
}

// treeDecoder assigns a jsonNode tree to Go values by reflection.
type treeDecoder struct {
	errs *FieldErrors
}

var textUnmarshalerType = reflect.TypeFor[encoding.TextUnmarshaler]()

func (d treeDecoder) decode(path string, n *jsonNode, v reflect.Value) {
	if n.kind == jsonNull {
		d.errs.add(path, "must not be null: leave the field out instead")
		return
	}
	if v.Kind() != reflect.Pointer && reflect.PointerTo(v.Type()).Implements(textUnmarshalerType) {
		d.decodeText(path, n, v)
		return
	}
	switch v.Kind() {
	case reflect.Pointer:
		elem := reflect.New(v.Type().Elem())
		d.decode(path, n, elem.Elem())
		v.Set(elem)
	case reflect.Struct:
		d.decodeStruct(path, n, v)
	case reflect.Slice:
		if !d.expect(path, n, jsonArray) {
			return
		}
		s := reflect.MakeSlice(v.Type(), len(n.values), len(n.values))
		for i, item := range n.values {
			d.decode(indexPath(path, i), item, s.Index(i))
		}
		v.Set(s)
	case reflect.String:
		if d.expect(path, n, jsonString) && d.notBlank(path, n.str) {
			v.SetString(n.str)
		}
	case reflect.Bool:
		if d.expect(path, n, jsonBool) {
			v.SetBool(n.b)
		}
	case reflect.Int, reflect.Int32, reflect.Int64:
		if !d.expect(path, n, jsonNumber) {
			return
		}
		f, err := strconv.ParseFloat(string(n.num), 64)
		if err != nil || f != math.Trunc(f) || math.Abs(f) > 1e15 {
			d.errs.add(path, "must be a whole number, got %s", n.num)
			return
		}
		v.SetInt(int64(f))
	case reflect.Float64:
		if !d.expect(path, n, jsonNumber) {
			return
		}
		f, err := strconv.ParseFloat(string(n.num), 64)
		if err != nil {
			d.errs.add(path, "number %s is out of range", n.num)
			return
		}
		v.SetFloat(f)
	default:
		panic(fmt.Sprintf("strictjson: unsupported type %s", v.Type()))
	}
}

func (d treeDecoder) decodeText(path string, n *jsonNode, v reflect.Value) {
	if !d.expect(path, n, jsonString) || !d.notBlank(path, n.str) {
		return
	}
	u := v.Addr().Interface().(encoding.TextUnmarshaler)
	if err := u.UnmarshalText([]byte(n.str)); err != nil {
		d.errs.add(path, "%s", err)
	}
}

func (d treeDecoder) decodeStruct(path string, n *jsonNode, v reflect.Value) {
	if !d.expect(path, n, jsonObject) {
		return
	}
	fields := structFieldsOf(v.Type())
	seen := make(map[string]bool, len(n.keys))
	for i, key := range n.keys {
		p := fieldPath(path, key)
		if seen[key] {
			d.errs.add(p, "field given twice")
			continue
		}
		seen[key] = true
		f, ok := fields.byName[key]
		if !ok {
			d.errs.add(p, "unknown field%s", fields.suggest(key))
			continue
		}
		d.decode(p, n.values[i], v.Field(f))
	}
	for _, name := range fields.required {
		if !seen[name] {
			d.errs.add(fieldPath(path, name), "required field is missing")
		}
	}
}

func (d treeDecoder) expect(path string, n *jsonNode, kind jsonKind) bool {
	if n.kind != kind {
		d.errs.add(path, "must be %s, got %s", kind, n.kind)
		return false
	}
	return true
}

func (d treeDecoder) notBlank(path, s string) bool {
	if strings.TrimSpace(s) == "" {
		d.errs.add(path, "must not be empty: leave the field out instead")
		return false
	}
	if strings.IndexFunc(s, unicode.IsControl) >= 0 {
		d.errs.add(path, "contains a control character (a line break, a tab or a NUL)")
		return false
	}
	return true
}

// structFields describes how a struct type maps to JSON object fields.
type structFields struct {
	byName   map[string]int // JSON name -> field index
	names    []string       // in declaration order, for suggestions
	required []string
}

var structFieldsCache sync.Map // reflect.Type -> *structFields

func structFieldsOf(t reflect.Type) *structFields {
	if f, ok := structFieldsCache.Load(t); ok {
		return f.(*structFields)
	}
	fs := &structFields{byName: map[string]int{}}
	for i := 0; i < t.NumField(); i++ {
		sf := t.Field(i)
		tag := sf.Tag.Get("json")
		if !sf.IsExported() || tag == "" || tag == "-" {
			continue
		}
		name, _, _ := strings.Cut(tag, ",")
		fs.byName[name] = i
		fs.names = append(fs.names, name)
		if sf.Tag.Get("garde") == "required" {
			fs.required = append(fs.required, name)
		}
	}
	structFieldsCache.Store(t, fs)
	return fs
}

// suggest names the known field an unknown one was probably meant to be.
func (fs *structFields) suggest(unknown string) string {
	if hint, ok := fieldHints[unknown]; ok {
		return ": " + hint
	}
	best, bestDist := "", 3
	for _, name := range fs.names {
		if dist := editDistance(strings.ToLower(unknown), name); dist < bestDist {
			best, bestDist = name, dist
		}
	}
	if best == "" {
		return " (known fields: " + strings.Join(fs.names, ", ") + ")"
	}
	return fmt.Sprintf(" (did you mean %q?)", best)
}

// fieldHints explain fields that are refused on purpose.
var fieldHints = map[string]string{
	"reason": "the reason for an unavailability is not stored, since it could be health data",
}

func editDistance(a, b string) int {
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(b)]
}
