package riverjobs

import (
	"encoding/json"

	"github.com/riverqueue/river"
)

// Kind is the River job kind of a region's compute.
const Kind = "lifecircle_region"

// Queue is the River queue the region jobs go to.
const Queue = "lifecircle_regions"

// RegionArgs are a region job's arguments: which run it belongs to and which region it
// computes. A run holds at most one job per region (River's unique jobs, by these args).
type RegionArgs struct {
	Run    string `json:"run" river:"unique"`
	Region string `json:"region" river:"unique"`
}

// Kind names the job kind to River.
func (RegionArgs) Kind() string { return Kind }

// InsertOpts puts the job on Queue, unique by run and region in every state but
// cancelled and discarded (River's default unique states): enqueueing the same run
// again adds only the regions it lacks.
func (a RegionArgs) InsertOpts() river.InsertOpts {
	return river.InsertOpts{Queue: Queue, Metadata: runMetadata(a.Run), UniqueOpts: river.UniqueOpts{ByArgs: true}}
}

// runMetadata is the job metadata that lets status find a run's jobs by JSON
// containment (JobListParams.Metadata), without SQL of its own.
func runMetadata(run string) []byte {
	b, _ := json.Marshal(map[string]string{"run": run}) // a map of strings always marshals
	return b
}
