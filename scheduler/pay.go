package scheduler

// payFor is what shift s pays under a grid: the template's own pay when
// one of its entries matches, else the grid's rate for the shift's mode,
// day type and night flag, else 0.
func payFor(s *Shift, grid []PayRate) float64 {
	for _, tp := range s.Template.Pay {
		if (tp.Mode == "" || tp.Mode == s.Line.Mode) && (tp.DayType == "" || tp.DayType == s.DayType) &&
			(tp.Night == nil || *tp.Night == s.Night) {
			return tp.Amount
		}
	}
	for _, r := range grid {
		if r.Mode == s.Line.Mode && r.DayType == s.DayType && r.Night == s.Night {
			return r.Amount
		}
	}
	return 0
}

// harmonizedGrid is the territory's one grid for every sector.
func (t *Territory) harmonizedGrid() []PayRate {
	if t.Pay == nil {
		return nil
	}
	return t.Pay.Grid
}

// legacyGrid is the grid a sector was paid before harmonization; a sector
// without one was paid the harmonized grid.
func (t *Territory) legacyGrid(sector Sector) []PayRate {
	if t.Pay == nil || t.Pay.Legacy == nil {
		return t.harmonizedGrid()
	}
	var g []PayRate
	switch sector {
	case Public:
		g = t.Pay.Legacy.Public
	case Private:
		g = t.Pay.Legacy.Private
	case Liberal:
		g = t.Pay.Legacy.Liberal
	}
	if g == nil {
		return t.harmonizedGrid()
	}
	return g
}
