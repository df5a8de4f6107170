package scheduler

import (
	"fmt"
	"strings"
)

// EstablishmentKind says what sort of site an establishment is.
type EstablishmentKind string

const (
	PublicHospital  EstablishmentKind = "public_hospital"
	PrivateClinic   EstablishmentKind = "private_clinic"
	LiberalPractice EstablishmentKind = "liberal_practice" // cabinet, maison médicale de garde
)

// Sector is the part of the health system a doctor works in.
type Sector string

const (
	Public  Sector = "public"
	Private Sector = "private"
	Liberal Sector = "liberal"
)

// Sectors lists the sectors in the order reports show them.
var Sectors = []Sector{Public, Private, Liberal}

// Mode says whether a line's doctor stays on site (garde sur place, rest
// applies after it) or is reachable from home (astreinte, no rest planned).
type Mode string

const (
	OnSite Mode = "on_site"
	OnCall Mode = "on_call"
)

// DayType classifies a shift by its local start date, as pay grids and
// templates do: a Sunday or public holiday, else a Saturday, else a weekday.
type DayType string

const (
	Weekday       DayType = "weekday"
	Saturday      DayType = "saturday"
	SundayHoliday DayType = "sunday_holiday"
)

// DayTypes lists the day types in calendar order.
var DayTypes = []DayType{Weekday, Saturday, SundayHoliday}

// WishKind says whether a doctor would rather not take (avoid) or would like
// to take (prefer) the shifts a wish matches.
type WishKind string

const (
	Avoid  WishKind = "avoid"
	Prefer WishKind = "prefer"
)

func oneOf[T ~string](v T, allowed ...T) error {
	for _, a := range allowed {
		if v == a {
			return nil
		}
	}
	names := make([]string, len(allowed))
	for i, a := range allowed {
		names[i] = string(a)
	}
	return fmt.Errorf("%q is not one of %s", string(v), strings.Join(names, ", "))
}

// UnmarshalText accepts only the known kinds.
func (k *EstablishmentKind) UnmarshalText(b []byte) error {
	v := EstablishmentKind(b)
	if err := oneOf(v, PublicHospital, PrivateClinic, LiberalPractice); err != nil {
		return err
	}
	*k = v
	return nil
}

// UnmarshalText accepts only the known sectors.
func (s *Sector) UnmarshalText(b []byte) error {
	v := Sector(b)
	if err := oneOf(v, Public, Private, Liberal); err != nil {
		return err
	}
	*s = v
	return nil
}

// UnmarshalText accepts only the known modes.
func (m *Mode) UnmarshalText(b []byte) error {
	v := Mode(b)
	if err := oneOf(v, OnSite, OnCall); err != nil {
		return err
	}
	*m = v
	return nil
}

// UnmarshalText accepts only the known day types.
func (d *DayType) UnmarshalText(b []byte) error {
	v := DayType(b)
	if err := oneOf(v, Weekday, Saturday, SundayHoliday); err != nil {
		return err
	}
	*d = v
	return nil
}

// UnmarshalText accepts only avoid and prefer.
func (k *WishKind) UnmarshalText(b []byte) error {
	v := WishKind(b)
	if err := oneOf(v, Avoid, Prefer); err != nil {
		return err
	}
	*k = v
	return nil
}
