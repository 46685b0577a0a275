package api

import (
	"fmt"

	"github.com/lifecircle/lifecircle/geo/engine"
)

// dataNoteJSON is what an answer built on the demo's illustrative layer says of itself
// (示例数据): absent from answers on a planner's own data.
type dataNoteJSON struct {
	Illustrative       bool   `json:"illustrative"`
	Stations           int    `json:"illustrative_stations"`
	DerivedCommunities int    `json:"derived_communities"`
	NoteZH             string `json:"note_zh"`
	NoteEN             string `json:"note_en"`
}

// dataNoteOf is e's note, nil when nothing of it is illustrative.
func dataNoteOf(e *engine.Engine) *dataNoteJSON {
	st, dc := e.Illustrative()
	if st == 0 && dc == 0 {
		return nil
	}
	return &dataNoteJSON{
		Illustrative: true, Stations: st, DerivedCommunities: dc,
		NoteZH: fmt.Sprintf("示例数据：%d 个示例站点、%d 个推导社区，结果仅作演示", st, dc),
		NoteEN: fmt.Sprintf("Illustrative data: %d illustrative stations, %d derived communities; the answer only illustrates", st, dc),
	}
}
