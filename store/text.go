package store

import (
	"fmt"
	"reflect"
	"strings"

	"garde/scheduler"
)

// nulProblems lists the strings of v (a territory or a rota) that hold a NUL
// character, by JSON path. PostgreSQL text cannot hold one while SQLite
// can: refusing it on both keeps one behaviour, with an error that names
// the field instead of a driver error half-way through a write.
func nulProblems(v any) scheduler.FieldErrors {
	var problems scheduler.FieldErrors
	walkStrings(reflect.ValueOf(v), "$", func(path, s string) {
		if strings.ContainsRune(s, 0) {
			problems = append(problems, scheduler.FieldError{Path: path, Reason: "contains a NUL character, which cannot be stored"})
		}
	})
	return problems
}

// walkStrings calls f on every string reachable through exported fields
// with a JSON name, slices and pointers, with its JSON path.
func walkStrings(v reflect.Value, path string, f func(path, s string)) {
	switch v.Kind() {
	case reflect.Pointer:
		if !v.IsNil() {
			walkStrings(v.Elem(), path, f)
		}
	case reflect.Slice:
		for i := 0; i < v.Len(); i++ {
			walkStrings(v.Index(i), fmt.Sprintf("%s[%d]", path, i), f)
		}
	case reflect.Struct:
		for i := 0; i < v.NumField(); i++ {
			sf := v.Type().Field(i)
			name, _, _ := strings.Cut(sf.Tag.Get("json"), ",")
			if sf.IsExported() && name != "" && name != "-" {
				walkStrings(v.Field(i), path+"."+name, f)
			}
		}
	case reflect.String:
		f(path, v.String())
	}
}
