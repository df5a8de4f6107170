package scheduler

// flowNetwork is a directed graph with capacities, for maximum flows
// (Dinic's algorithm): the gap diagnosis bounds coverage with one.
type flowNetwork struct {
	head  []int32 // per node, first edge, -1 if none
	next  []int32 // per edge, next edge of the same tail
	to    []int32
	cap   []int64 // residual capacity
	level []int32
	iter  []int32
}

func newFlowNetwork(nodes int) *flowNetwork {
	g := &flowNetwork{head: make([]int32, nodes)}
	for i := range g.head {
		g.head[i] = -1
	}
	return g
}

func (g *flowNetwork) addNode() int32 {
	g.head = append(g.head, -1)
	return int32(len(g.head) - 1)
}

// addEdge adds u->v with capacity c and its residual twin; it returns the
// index of the forward edge (the twin is index^1).
func (g *flowNetwork) addEdge(u, v int32, c int64) int32 {
	e := int32(len(g.to))
	g.to = append(g.to, v, u)
	g.cap = append(g.cap, c, 0)
	g.next = append(g.next, g.head[u], g.head[v])
	g.head[u], g.head[v] = e, e+1
	return e
}

// flowOn is the flow pushed through forward edge e.
func (g *flowNetwork) flowOn(e int32) int64 { return g.cap[e^1] }

// maxFlow pushes as much flow as possible from s to t.
func (g *flowNetwork) maxFlow(s, t int32) int64 {
	total := int64(0)
	for g.bfs(s, t) {
		g.iter = append(g.iter[:0], g.head...)
		for {
			f := g.dfs(s, t, 1<<62)
			if f == 0 {
				break
			}
			total += f
		}
	}
	return total
}

func (g *flowNetwork) bfs(s, t int32) bool {
	g.level = g.level[:0]
	for range g.head {
		g.level = append(g.level, -1)
	}
	g.level[s] = 0
	queue := []int32{s}
	for len(queue) > 0 {
		u := queue[0]
		queue = queue[1:]
		for e := g.head[u]; e >= 0; e = g.next[e] {
			if v := g.to[e]; g.cap[e] > 0 && g.level[v] < 0 {
				g.level[v] = g.level[u] + 1
				queue = append(queue, v)
			}
		}
	}
	return g.level[t] >= 0
}

// dfs finds one augmenting path in the level graph (iteratively would be
// faster on deep graphs; ours are five levels deep).
func (g *flowNetwork) dfs(u, t int32, limit int64) int64 {
	if u == t {
		return limit
	}
	for ; g.iter[u] >= 0; g.iter[u] = g.next[g.iter[u]] {
		e := g.iter[u]
		v := g.to[e]
		if g.cap[e] > 0 && g.level[v] == g.level[u]+1 {
			if f := g.dfs(v, t, min(limit, g.cap[e])); f > 0 {
				g.cap[e] -= f
				g.cap[e^1] += f
				return f
			}
		}
	}
	return 0
}

// reachable marks the nodes reachable from s in the residual graph: after
// a maximum flow, the source side of a minimum cut.
func (g *flowNetwork) reachable(s int32) []bool {
	seen := make([]bool, len(g.head))
	seen[s] = true
	stack := []int32{s}
	for len(stack) > 0 {
		u := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		for e := g.head[u]; e >= 0; e = g.next[e] {
			if v := g.to[e]; g.cap[e] > 0 && !seen[v] {
				seen[v] = true
				stack = append(stack, v)
			}
		}
	}
	return seen
}
