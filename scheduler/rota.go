package scheduler

import "fmt"

// RotaFormat tags a rota file.
const RotaFormat = "garde.rota/v1"

// A Rota is the assignment of doctors to the shifts of one period
// [From, To) of a territory, as a rota file holds it. Its Score is
// informative: scoring always recomputes it.
type Rota struct {
	Format      string       `json:"format" garde:"required"`
	Territory   string       `json:"territory" garde:"required"`
	From        Date         `json:"from" garde:"required"`
	To          Date         `json:"to" garde:"required"`
	Assignments []Assignment `json:"assignments" garde:"required"`
	Score       *Score       `json:"score,omitempty"`
}

// An Assignment puts one doctor on one shift.
type Assignment struct {
	Shift  string `json:"shift" garde:"required"`
	Doctor string `json:"doctor" garde:"required"`
}

// ParseRota reads a rota file. On failure the error is a FieldErrors
// listing every problem with its JSON path.
func ParseRota(data []byte) (*Rota, error) {
	r := &Rota{}
	errs := decodeStrict(data, r)
	if len(errs) == 0 {
		if r.Format != RotaFormat {
			errs.add("$.format", "must be %q, got %q", RotaFormat, r.Format)
		}
		if err := CheckPeriod(r.From, r.To); err != nil {
			errs.add("$.to", "%s", err)
		}
	}
	errs.sortByPath()
	if len(errs) > 0 {
		return nil, errs
	}
	return r, nil
}

// checkTerritory makes sure the rota belongs to the territory.
func (r *Rota) checkTerritory(t *Territory, role string) error {
	if r.Territory != t.Info.ID {
		return fmt.Errorf("the %s rota is for territory %q, not %q", role, r.Territory, t.Info.ID)
	}
	return nil
}
