package gen

import (
	"strings"
)

// Alternative wire forms: a field, or every use of an enum or object, may
// declare that it also arrives in other JSON forms than its declared type
// (`accepts:`). This file checks the declarations and resolves, for every
// field, the forms its value and its array elements take.

// accepts reads declared forms, each naming one form and its source.
func (b *builder) accepts(specs []*acceptSpec, what string) []*Accept {
	var out []*Accept
	for _, a := range specs {
		form, ok := formNamed(a.Form)
		if !ok && a.Form == "" {
			continue // the loader said why
		}
		if !ok {
			b.ps.add(a.formAt, "%s: accepts: unknown form %q (want one of %s)%s", what, a.Form, strings.Join(formNames(), ", "), suggest(a.Form, formNames()))
			continue
		}
		if strings.TrimSpace(a.Source) == "" {
			b.ps.add(a.at, "%s: accepts %s: source must say where the form is seen", what, a.Form)
		}
		out = append(out, &Accept{Form: form, Source: a.Source, Note: a.Note, at: a.at})
	}
	return out
}

// formsOf returns the forms a value of type t can take besides its own, and
// those its elements can take when t is an array of scalars.
func formsOf(t *Type) (value, items WireForms) {
	switch t.Kind {
	case KindBool:
		return FormNumber | FormString, 0
	case KindInt, KindInt64:
		return FormString | FormBool, 0
	case KindFloat:
		return FormString, 0
	case KindString:
		return FormNumber | FormNull | FormJSON, 0
	case KindEnum:
		if t.Enum.IsString {
			return FormNumber | FormNull, 0
		}
		return FormString | FormBool, 0
	case KindObject, KindMap:
		return FormEmptyArray | FormNull | FormEmptyString, 0
	case KindArray:
		if e := t.Elem; e.Kind != KindArray && e.Kind != KindMap && e.Kind != KindObject && e.Kind != KindUnion && e.Kind != KindRaw {
			items, _ = formsOf(e)
		}
		return FormNull, items
	}
	return 0, 0
}

// checkTypeAccepts reports the forms an enum or object declares that its
// values cannot take.
func (b *builder) checkTypeAccepts(list []*Accept, t *Type, what string) {
	fits, _ := formsOf(t)
	for _, a := range list {
		if a.Form&fits == 0 {
			b.ps.add(a.at, "%s: accepts: form %s does not fit it (it takes %s)", what, a.Form.Names()[0], strings.Join(fits.Names(), ", "))
		}
	}
}

// resolveForms gives every field its forms: its own declarations (an array's
// null applies to the array, its other forms to the elements) plus those of
// its type (or of its elements' enum), and names the wire members that keep
// the form that came.
func (b *builder) resolveForms(objects []*Object) {
	for _, o := range objects {
		wire := map[string]bool{}
		for _, f := range o.Fields {
			if f.Type == nil {
				continue
			}
			value, items := formsOf(f.Type)
			for _, a := range f.Accepts {
				switch {
				case a.Form == FormNull && f.Nullable:
					b.ps.add(a.at, "object %s: field %s: accepts null, but the field is nullable already", o.GoName, f.JSONName)
				case a.Form&value != 0:
					f.Forms |= a.Form
				case a.Form&items != 0:
					f.ItemForms |= a.Form
				default:
					b.ps.add(a.at, "object %s: field %s: accepts: form %s does not fit type %s (it takes %s)", o.GoName, f.JSONName, a.Form.Names()[0], typeName(f.Type), strings.Join((value|items).Names(), ", "))
				}
			}
			f.Forms |= typeForms(f.Type) &^ nullIf(f.Nullable)
			if f.Type.Kind == KindArray {
				f.ItemForms |= typeForms(f.Type.Elem) & items
			}
			if f.Forms != 0 {
				f.WireName = f.GoName
			}
			if f.ItemForms != 0 {
				f.WireItemsName = f.GoName + "Items"
			}
			for _, n := range []string{f.WireName, f.WireItemsName} {
				if n == "" {
					continue
				}
				if wire[n] {
					b.ps.add(f.at, "object %s: field %s: its wire member %s clashes with another field's (set `go:`)", o.GoName, f.JSONName, n)
				}
				wire[n] = true
			}
		}
	}
}

// typeForms returns the forms declared on t's enum or object, which every
// use of it takes.
func typeForms(t *Type) WireForms {
	var list []*Accept
	switch t.Kind {
	case KindEnum:
		list = t.Enum.Accepts
	case KindObject:
		list = t.Object.Accepts
	}
	var w WireForms
	for _, a := range list {
		w |= a.Form
	}
	return w
}

func nullIf(nullable bool) WireForms {
	if nullable {
		return FormNull
	}
	return 0
}

// typeName spells a resolved type as the schema does.
func typeName(t *Type) string {
	switch t.Kind {
	case KindString:
		return "string"
	case KindInt:
		return "int"
	case KindInt64:
		return "int64"
	case KindBool:
		return "bool"
	case KindFloat:
		return "float"
	case KindRaw:
		return "raw"
	case KindEnum:
		return t.Enum.GoName
	case KindObject:
		return t.Object.GoName
	case KindUnion:
		return t.Union.GoName
	case KindArray:
		return "[]" + typeName(t.Elem)
	case KindMap:
		return "map[string]" + typeName(t.Elem)
	}
	return "?"
}

// checkKeyForms reports discriminators that declare alternative forms: the
// look-ahead that dispatches reads them in their declared form only.
func (b *builder) checkKeyForms() {
	for _, fam := range b.m.Families {
		for _, k := range fam.Keys {
			if len(k.Field.Path) != 1 || fam.Base == nil {
				continue
			}
			if f := fam.Base.field(k.Field.Path[0]); f != nil && f.Forms != 0 {
				b.ps.add(f.at, "object %s: field %s: a discriminator of family %s cannot accept other forms", fam.Base.GoName, f.JSONName, fam.Name)
			}
		}
	}
	if sg := b.m.Signals; sg != nil && sg.Key.Forms != 0 {
		b.ps.add(sg.Key.at, "frame: field %s: the signal key cannot accept other forms", sg.Key.JSONName)
	}
}
