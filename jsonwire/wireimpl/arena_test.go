package wireimpl

import (
	"strings"
	"testing"

	"github.com/eventbind/eventbind/jsonwire"
)

func TestSlabOffAllocates(t *testing.T) {
	var s Slab[int]
	p, q := s.New(), s.New()
	if p == q {
		t.Fatal("a zero Slab handed out one value twice")
	}
	if c := s.Copy(nil); c == nil || len(c) != 0 {
		t.Fatalf("Copy(nil) = %#v, want a non-nil empty slice", c)
	}
	if n := testing.AllocsPerRun(10, func() { s.New() }); n != 1 {
		t.Errorf("a zero Slab's New allocates %v times, want 1", n)
	}
}

func TestSlabReuses(t *testing.T) {
	var s Slab[[2]int]
	s.Enable()
	// Values handed out during one frame never move, even when the slab
	// fills up and takes a new backing array.
	var ps []*[2]int
	for i := 0; i < 100; i++ {
		p := s.New()
		if *p != [2]int{} {
			t.Fatalf("New gave %v, want zero", *p)
		}
		p[0] = i
		ps = append(ps, p)
	}
	for i, p := range ps {
		if p[0] != i {
			t.Fatalf("value %d moved or was overwritten: %v", i, *p)
		}
	}
	list := s.Copy([][2]int{{1, 2}, {3, 4}})
	if cap(list) != 2 {
		t.Errorf("Copy's capacity %d, want its length", cap(list))
	}
	spilled := s.Spill(list)
	if len(spilled) != 2 || cap(spilled) < 4 || spilled[1] != [2]int{3, 4} {
		t.Errorf("Spill = %v (cap %d)", spilled, cap(spilled))
	}
	// After Reset the same memory comes back, zeroed, without allocating.
	s.Reset()
	if p := s.New(); *p != [2]int{} {
		t.Errorf("New after Reset gave %v", *p)
	}
	if n := testing.AllocsPerRun(10, func() {
		s.Reset()
		for i := 0; i < 100; i++ {
			s.New()
		}
		s.Copy([][2]int{{1, 2}})
	}); n != 0 {
		t.Errorf("a warm Slab allocates %v times", n)
	}
	if c := s.Copy(nil); c == nil {
		t.Error("an enabled Slab's Copy(nil) is nil")
	}
}

func TestMapsReuse(t *testing.T) {
	var off Maps[int]
	if m1, m2 := off.New(), off.New(); m1 == nil || m2 == nil {
		t.Fatal("nil map")
	}
	var on Maps[int]
	on.Enable()
	m := on.New()
	m["a"] = 1
	on.Reset()
	if m2 := on.New(); len(m2) != 0 {
		t.Errorf("a reused map holds %v", m2)
	}
	if n := testing.AllocsPerRun(10, func() { on.Reset(); on.New()["a"] = 1 }); n != 0 {
		t.Errorf("a warm Maps allocates %v times", n)
	}
}

func TestArena(t *testing.T) {
	var a Arena
	src := a.Load([]byte(`{"k":"a\nb","u":[1]}`))
	d := NewDecoderString(src, "")
	d.UseArena(&a)
	if err := d.ObjectStart(); err != nil {
		t.Fatal(err)
	}
	var u jsonwire.Unknown
	var s string
	for {
		key, more, err := d.NextKey()
		if err != nil {
			t.Fatal(err)
		}
		if !more {
			break
		}
		switch key {
		case "k":
			if s, err = d.String(); err != nil {
				t.Fatal(err)
			}
		default:
			if err := d.UnknownField(&u, key); err != nil {
				t.Fatal(err)
			}
		}
	}
	if s != "a\nb" || len(u) != 1 || string(u[0].Value) != "[1]" || cap(u[0].Value) != 3 {
		t.Fatalf("decoded %q %v", s, u)
	}
	kept := strings.Clone(s)
	// The next frame reuses the memory: the documented price.
	a.Load([]byte(`{"k":"x\ty","u":[2]}`))
	if kept != "a\nb" {
		t.Error("a cloned string changed")
	}
	// appendField grows the last list in place and copies another one.
	u1 := a.appendField(nil, jsonwire.Field{Key: "1"})
	u1 = a.appendField(u1, jsonwire.Field{Key: "2"})
	u2 := a.appendField(nil, jsonwire.Field{Key: "x"})
	u1 = a.appendField(u1, jsonwire.Field{Key: "3"})
	if len(u1) != 3 || u1[0].Key != "1" || u1[2].Key != "3" || len(u2) != 1 || u2[0].Key != "x" {
		t.Errorf("fields %v %v", u1, u2)
	}
	if got := d.Concat("a", ".", "b"); got != "a.b" {
		t.Errorf("Concat = %q", got)
	}
}
