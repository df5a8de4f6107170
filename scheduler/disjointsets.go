package scheduler

// disjointSets is a union-find over 0..n-1: which elements a series of
// unions has joined. The gap diagnosis groups the seats of a minimum cut
// with it, and the search the independent parts of a model.
type disjointSets []int32

func newDisjointSets(n int) disjointSets {
	d := make(disjointSets, n)
	for i := range d {
		d[i] = int32(i)
	}
	return d
}

// find returns the representative of x's set.
func (d disjointSets) find(x int32) int32 {
	for d[x] != x {
		d[x] = d[d[x]] // path halving
		x = d[x]
	}
	return x
}

// union joins the sets of a and b; the smaller representative stays.
func (d disjointSets) union(a, b int32) {
	if ra, rb := d.find(a), d.find(b); ra != rb {
		d[max(ra, rb)] = min(ra, rb)
	}
}
