package scheduler

import "math"

// travelRule measures T: for each assignment, the distance in km between
// the doctor's own establishment and the line's host.
type travelRule struct {
	ruleInfo
	km func(s, p int32) float64
}

func newTravelRule(weight float64, km func(s, p int32) float64) travelRule {
	return travelRule{softRule("travel", weight), km}
}

func (r travelRule) measurePair(s, p int32, _ emitFunc) float64 { return r.km(s, p) }
func (r travelRule) constant() float64                          { return 0 }

// unknownTravelKm is what an assignment counts when the distance cannot be
// computed: the doctor has no establishment, or a site has no coordinates.
const unknownTravelKm = 10

// travelKm is the rota model's travel distance from a doctor's
// establishment to a line's host establishment: 0 when they are the same,
// else the great-circle distance, else unknownTravelKm.
func travelKm(home, host *Establishment) float64 {
	switch {
	case home != nil && home.ID == host.ID:
		return 0
	case home == nil || home.Lat == nil || home.Lon == nil || host.Lat == nil || host.Lon == nil:
		return unknownTravelKm
	}
	return haversineKm(*home.Lat, *home.Lon, *host.Lat, *host.Lon)
}

// haversineKm is the great-circle distance on a sphere of radius 6371.0 km.
func haversineKm(lat1, lon1, lat2, lon2 float64) float64 {
	const earthRadiusKm = 6371.0
	rad := math.Pi / 180
	phi1, phi2 := lat1*rad, lat2*rad
	dPhi, dLambda := (lat2-lat1)*rad, (lon2-lon1)*rad
	a := math.Sin(dPhi/2)*math.Sin(dPhi/2) + math.Cos(phi1)*math.Cos(phi2)*math.Sin(dLambda/2)*math.Sin(dLambda/2)
	return 2 * earthRadiusKm * math.Asin(math.Sqrt(a))
}
