package wireimpl

import (
	"math"
	"strconv"
)

// This file holds the scalar readers. Each one checks the kind first and
// reports "want X, got Y" without consuming anything, so the error offset
// points at the start of the offending value.

// String reads a JSON string and returns it unescaped (all escapes, including
// \uXXXX surrogate pairs). On another kind it returns "want string, got
// <kind>".
func (d *Decoder) String() (string, error) {
	// Small enough to inline: readString checks the quote itself.
	return d.readString()
}

// Bool reads true or false; on another kind it returns "want boolean, got
// <kind>".
func (d *Decoder) Bool() (bool, error) {
	c, ok := d.peek()
	var lit string
	switch {
	case ok && c == 't':
		lit = "true"
	case ok && c == 'f':
		lit = "false"
	default:
		return false, d.wantErr(KindBool)
	}
	end, err := d.scanLiteral(d.pos, lit)
	if err != nil {
		return false, err
	}
	d.pos = end
	return c == 't', nil
}

// number validates the number at the cursor and returns its literal and end
// without consuming it, so the callers can reject it with the offset of its
// start.
func (d *Decoder) number() (lit string, end int, isInt bool, err error) {
	if c, ok := d.peek(); !ok || (c != '-' && !isDigit(c)) {
		return "", 0, false, d.wantErr(KindNumber)
	}
	end, isInt, err = d.scanNumber(d.pos)
	if err != nil {
		return "", 0, false, err
	}
	return d.data[d.pos:end], end, isInt, nil
}

// integer reads a JSON integer that fits in a signed integer of the given
// bit size. The common case takes one pass here: a non-negative integer
// with few enough digits to fit (18 for 64 bits, 9 for 32), no leading
// zero, no fraction and no exponent. Anything else goes to integerSlow,
// which gives the errors.
func (d *Decoder) integer(bits uint) (int64, error) {
	data := d.data
	i := d.pos
	if i >= len(data) || data[i] < '1' || data[i] > '9' {
		if i < len(data) && data[i] == '0' && (i+1 == len(data) || !continuesNumber(data[i+1])) {
			d.pos = i + 1
			return 0, nil
		}
		return d.integerSlow(bits)
	}
	var v int64
	digits := 18
	if bits < 64 {
		digits = 9
	}
	end := min(len(data), i+digits)
	for ; i < end && isDigit(data[i]); i++ {
		v = v*10 + int64(data[i]-'0')
	}
	if i < len(data) && continuesNumber(data[i]) {
		return d.integerSlow(bits)
	}
	d.pos = i
	return v, nil
}

// integerSlow is integer for every case. It parses the digits itself
// because strconv would accept forms JSON does not.
func (d *Decoder) integerSlow(bits uint) (int64, error) {
	lit, end, isInt, err := d.number()
	if err != nil {
		return 0, err
	}
	if !isInt {
		// The syntax is not an integer's either way; the message says
		// whether the value would have been one (1e99) or not (1.5).
		f, err := strconv.ParseFloat(lit, 64)
		if lim := math.Ldexp(1, int(bits)-1); err != nil || f == math.Trunc(f) && (f >= lim || f < -lim) {
			return 0, d.shapeErr(d.pos, "integer out of range: "+clipLiteral(lit))
		}
		return 0, d.shapeErr(d.pos, "want integer, got "+clipLiteral(lit))
	}
	digits, neg := lit, false
	if digits[0] == '-' {
		digits, neg = digits[1:], true
	}
	limit := uint64(1)<<(bits-1) - 1 // largest positive value
	if neg {
		limit++
	}
	var u uint64
	for i := 0; i < len(digits); i++ {
		v := uint64(digits[i] - '0')
		if u > (limit-v)/10 {
			return 0, d.shapeErr(d.pos, "integer out of range: "+clipLiteral(lit))
		}
		u = u*10 + v
	}
	d.pos = end
	if neg {
		return -int64(u), nil // wraps correctly for the most negative value
	}
	return int64(u), nil
}

// continuesNumber reports whether c may follow digits within a number.
func continuesNumber(c byte) bool {
	return isDigit(c) || c == '.' || c == 'e' || c == 'E'
}

// Int reads a JSON integer (no fraction or exponent) that fits in an int. A
// wrong kind gives "want number, got <kind>", a fraction or exponent "want
// integer, got 1.5" (or "integer out of range: 1e99" when the value is a
// whole number too large anyway), and overflow "integer out of range:
// <literal>", with long literals shortened.
func (d *Decoder) Int() (int, error) {
	v, err := d.integer(strconv.IntSize)
	return int(v), err
}

// Int64 is Int for int64 values, which KOOK uses for millisecond timestamps
// and ids that a 32-bit int could not hold.
func (d *Decoder) Int64() (int64, error) {
	return d.integer(64)
}

// Float64 reads any JSON number. A number beyond the float64 range is an
// error ("number out of range") rather than a silent infinity.
func (d *Decoder) Float64() (float64, error) {
	lit, end, _, err := d.number()
	if err != nil {
		return 0, err
	}
	f, ok := exactDecimal(lit)
	if !ok {
		var perr error
		if f, perr = strconv.ParseFloat(lit, 64); perr != nil || math.IsInf(f, 0) {
			return 0, d.shapeErr(d.pos, "number out of range: "+clipLiteral(lit))
		}
	}
	d.pos = end
	return f, nil
}

// exactDecimal parses lit, a valid JSON number, the quick way when that
// gives strconv's result: without an exponent, with digits m (the point
// left out) below 2^53 and k <= 22 of them after the point, float64(m) and
// 10^k are exact and their quotient is correctly rounded (Clinger's fast
// path). Timestamps in seconds with a few decimals are such numbers.
func exactDecimal(lit string) (float64, bool) {
	i, neg := 0, false
	if len(lit) > 0 && lit[0] == '-' {
		i, neg = 1, true
	}
	var m uint64
	digits, k := 0, 0
	for ; i < len(lit) && isDigit(lit[i]); i++ {
		m = m*10 + uint64(lit[i]-'0')
		digits++
	}
	if i < len(lit) && lit[i] == '.' {
		for i++; i < len(lit) && isDigit(lit[i]); i++ {
			m = m*10 + uint64(lit[i]-'0')
			digits++
			k++
		}
	}
	// 19 digits cannot overflow m; the rest is the exactness condition.
	if i != len(lit) || digits > 19 || m > 1<<53 || k >= len(exactPowersOfTen) {
		return 0, false
	}
	f := float64(m) / exactPowersOfTen[k]
	if neg {
		f = -f
	}
	return f, true
}

// exactPowersOfTen are the powers of ten that float64 holds exactly.
var exactPowersOfTen = [...]float64{1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10,
	1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22}
