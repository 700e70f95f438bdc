package laravel

import (
	"strconv"

	"github.com/kycsim/kycsim/mocks/kit/phpjson"
)

// phpArray is an ordered PHP array while input is being built: string
// keys (a canonical integer string stands for PHP's integer key, so "1"
// and "01" stay distinct as in PHP), assignment to an existing key keeps
// its position, and push uses the next free integer key.
type phpArray struct {
	keys []string
	vals map[string]any // string, nil, bool, int64, float64, []any, *phpArray
	next int64
}

func newPHPArray() *phpArray { return &phpArray{vals: make(map[string]any)} }

func (a *phpArray) get(k string) (any, bool) {
	v, ok := a.vals[k]
	return v, ok
}

func (a *phpArray) set(k string, v any) {
	if _, ok := a.vals[k]; !ok {
		a.keys = append(a.keys, k)
		if n, ok := canonicalInt(k); ok && n >= a.next && n < 1<<62 {
			a.next = n + 1
		}
	}
	a.vals[k] = v
}

func (a *phpArray) push(v any) { a.set(strconv.FormatInt(a.next, 10), v) }

func (a *phpArray) del(k string) {
	if _, ok := a.vals[k]; !ok {
		return
	}
	delete(a.vals, k)
	for i, x := range a.keys {
		if x == k {
			a.keys = append(a.keys[:i], a.keys[i+1:]...)
			break
		}
	}
}

// canonicalInt reports whether k is a key PHP stores as an integer.
func canonicalInt(k string) (int64, bool) {
	if k == "" || len(k) > 20 {
		return 0, false
	}
	n, err := strconv.ParseInt(k, 10, 64)
	if err != nil || strconv.FormatInt(n, 10) != k {
		return 0, false
	}
	return n, true
}

// object exports a as a JSON object whatever its keys.
func (a *phpArray) object() phpjson.Object {
	obj := make(phpjson.Object, len(a.keys))
	for i, k := range a.keys {
		obj[i] = phpjson.Member{Key: k, Value: export(a.vals[k])}
	}
	return obj
}

// export turns nested phpArrays into what json_encode makes of them: a
// list when the keys are 0…n-1 in order, an object otherwise.
func export(v any) any {
	switch x := v.(type) {
	case *phpArray:
		for i, k := range x.keys {
			if k != strconv.Itoa(i) {
				return x.object()
			}
		}
		list := make([]any, len(x.keys))
		for i, k := range x.keys {
			list[i] = export(x.vals[k])
		}
		return list
	case []any:
		out := make([]any, len(x))
		for i, e := range x {
			out[i] = export(e)
		}
		return out
	}
	return v
}
