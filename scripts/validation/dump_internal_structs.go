// Prints the layout of kube-apiserver's internal core.PodTemplateSpec and every struct it reaches,
// as JSON: per type, its fields in declaration order with the key json.Marshal gives them, the
// key of the same field in the k8s.io/api/core/v1 type (what fkas stores), and how each encodes.
// field.Invalid renders a struct bad value with json.Marshal of the internal type (apimachinery
// v0.34+), so a Job's "field is immutable" shows Go field names. Run by
// scripts/validation/generate_internal_structs.ts in a scratch module pinned to one release.
package main

import (
	"encoding/json"
	"fmt"
	"os"
	"reflect"
	"strings"

	v1 "k8s.io/api/core/v1"
	"k8s.io/kubernetes/pkg/apis/core"
)

var marshaler = reflect.TypeOf((*json.Marshaler)(nil)).Elem()

// field: [goKey, v1Key, encoding, omit]
var types = map[string][][4]interface{}{}

func name(t reflect.Type) string {
	return t.PkgPath()[strings.LastIndex(t.PkgPath(), "/")+1:] + "." + t.Name()
}

// encoding of internal type t, whose v1 counterpart is v (nil when there is none).
func encoding(t reflect.Type, v reflect.Type) string {
	if t.Kind() != reflect.Pointer && (reflect.PointerTo(t).Implements(marshaler) || t.Implements(marshaler)) {
		return "marshal:" + t.Name()
	}
	elem := func(t reflect.Type) reflect.Type {
		if t == nil {
			return nil
		}
		return t.Elem()
	}
	switch t.Kind() {
	case reflect.Pointer:
		return "*" + encoding(t.Elem(), elem(v))
	case reflect.Slice:
		if t.Elem().Kind() == reflect.Uint8 {
			return "bytes"
		}
		return "[]" + encoding(t.Elem(), elem(v))
	case reflect.Map:
		return "map:" + encoding(t.Elem(), elem(v))
	case reflect.Struct:
		walk(t, v)
		return "struct:" + name(t)
	case reflect.String:
		return "string"
	case reflect.Bool:
		return "bool"
	case reflect.Int, reflect.Int32, reflect.Int64, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Int16, reflect.Float64:
		return "number"
	case reflect.Interface:
		return "interface"
	}
	panic(fmt.Sprintf("unhandled %v", t))
}

// The key, then false, "omitempty" or "omitzero" (which also omits a zero struct, metav1.Time).
func jsonTag(f reflect.StructField) (string, interface{}, bool) {
	tag, ok := f.Tag.Lookup("json")
	if !ok {
		return f.Name, false, false
	}
	parts := strings.Split(tag, ",")
	var omit interface{} = false
	inline := false
	for _, p := range parts[1:] {
		if p == "omitzero" {
			omit = p
		} else if p == "omitempty" && omit == false {
			omit = p
		}
		inline = inline || p == "inline"
	}
	if parts[0] == "" {
		return f.Name, omit, inline
	}
	return parts[0], omit, inline
}

func walk(t reflect.Type, v reflect.Type) {
	key := name(t)
	if _, done := types[key]; done {
		return
	}
	types[key] = nil
	fields := [][4]interface{}{}
	for i := 0; i < t.NumField(); i++ {
		f := t.Field(i)
		if !f.IsExported() {
			continue
		}
		out, omit, _ := jsonTag(f)
		if out == "-" {
			continue
		}
		in := ""
		var vt reflect.Type
		if v != nil {
			if vf, ok := v.FieldByName(f.Name); ok && len(vf.Index) == 1 {
				vt = vf.Type
				in, _, _ = jsonTag(vf)
				// An embedded v1 struct is inline unless its tag names a key (ObjectMeta's "metadata").
				if tag := vf.Tag.Get("json"); vf.Anonymous && (tag == "" || strings.HasPrefix(tag, ",")) {
					in = ""
				}
			}
		}
		enc := encoding(f.Type, vt)
		if f.Anonymous {
			_, hasTag := f.Tag.Lookup("json")
			if !hasTag || strings.HasPrefix(f.Tag.Get("json"), ",") {
				enc = "inline:" + strings.TrimPrefix(enc, "struct:")
				out = ""
			}
		}
		fields = append(fields, [4]interface{}{out, in, enc, omit})
	}
	types[key] = fields
}

func main() {
	walk(reflect.TypeOf(core.PodTemplateSpec{}), reflect.TypeOf(v1.PodTemplateSpec{}))
	if err := json.NewEncoder(os.Stdout).Encode(types); err != nil {
		panic(err)
	}
}
