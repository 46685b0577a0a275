package siting

import (
	"slices"
	"testing"
)

func TestPlanTranspose(t *testing.T) {
	lists := [][]int32{{0, 2}, nil, {1, 2, 3}, {2}}
	want := [][]int32{{0}, {2}, {0, 2, 3}, {2}, nil}
	got := transpose(lists, 5)
	for i := range want {
		if !slices.Equal(got[i], want[i]) {
			t.Errorf("target %d: %v, want %v", i, got[i], want[i])
		}
	}
}
