package store_test

import (
	"context"
	"testing"
	"time"

	"github.com/pathways-gov/pathways/internal/store"
	"github.com/pathways-gov/pathways/internal/store/storetest"
)

func TestAudit(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		before := time.Now().Add(-time.Second)
		entries := []struct {
			actor                   int64
			action, subject, detail string
		}{
			{7, "posting.create", "posting:1", ""},
			{0, "user.create", "user:7", "role=hr-advisor org=ods"},
			{7, "posting.edit", "posting:1", "title"},
			{8, "posting.publish", "posting:2", ""},
		}
		for _, e := range entries {
			if err := db.Audit(ctx, e.actor, e.action, e.subject, e.detail); err != nil {
				t.Fatal(err)
			}
		}
		got, err := db.AuditLog(ctx, "posting:1", 10)
		if err != nil {
			t.Fatal(err)
		}
		if len(got) != 2 || got[0].Action != "posting.edit" || got[1].Action != "posting.create" {
			t.Fatalf("posting:1 log = %+v, want edit then create", got)
		}
		if got[0].ActorID != 7 || got[0].Detail != "title" || got[0].Subject != "posting:1" || got[0].ID <= got[1].ID {
			t.Fatalf("entry fields: %+v", got[0])
		}
		if got[0].At.Before(before) || got[0].At.After(time.Now()) {
			t.Fatalf("entry time %v not now", got[0].At)
		}
		sys, err := db.AuditLog(ctx, "user:7", 10)
		if err != nil || len(sys) != 1 || sys[0].ActorID != 0 || sys[0].Detail != "role=hr-advisor org=ods" {
			t.Fatalf("system entry: %+v %v", sys, err)
		}
		all, err := db.AuditLog(ctx, "", 3)
		if err != nil || len(all) != 3 || all[0].Action != "posting.publish" {
			t.Fatalf("latest 3 of all: %+v %v", all, err)
		}
		none, err := db.AuditLog(ctx, "posting:99", 10)
		if err != nil || len(none) != 0 {
			t.Fatalf("unknown subject: %+v %v", none, err)
		}
	})
}
