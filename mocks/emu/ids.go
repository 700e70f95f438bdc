package emu

import "fmt"

// UUID4 formats 128 bits drawn from next as a version 4 UUID. The APIs pass
// a namespace's seeded source, so the ids a test sees are the same on every
// run with the same seed.
func UUID4(next func() uint64) string {
	var b [16]byte
	for i := 0; i < 16; i += 8 {
		v := next()
		for j := 0; j < 8; j++ {
			b[i+j] = byte(v >> (8 * j))
		}
	}
	b[6] = b[6]&0x0f | 0x40
	b[8] = b[8]&0x3f | 0x80
	return fmt.Sprintf("%x-%x-%x-%x-%x", b[0:4], b[4:6], b[6:8], b[8:10], b[10:16])
}
