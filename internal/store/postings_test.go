package store_test

import (
	"context"
	"errors"
	"fmt"
	"reflect"
	"testing"
	"time"

	"github.com/pathways-gov/pathways/internal/lang"
	"github.com/pathways-gov/pathways/internal/posting"
	"github.com/pathways-gov/pathways/internal/store"
	"github.com/pathways-gov/pathways/internal/store/storetest"
)

func samplePosting() *posting.Posting {
	return &posting.Posting{
		Status:      posting.Draft,
		Title:       lang.T("Data analyst", "Analyste de données"),
		OrgCode:     "ods",
		Program:     "ods-coop",
		Streams:     []string{"a", "b"},
		Type:        posting.CoOp,
		Hours:       36.25,
		Salary:      posting.Salary{Min: 66957, Max: 89275, Period: posting.Weekly},
		Locations:   []posting.Location{{City: "toronto", Province: "ON"}},
		WorkMode:    posting.CurrentlyRemote,
		Languages:   posting.EnglishEssential,
		ClosesAt:    time.Date(2023, 11, 10, 22, 0, 0, 0, time.UTC),
		TimeZone:    "America/Toronto",
		KeepOnFile:  true,
		Documents:   []posting.DocumentKind{posting.ResumeCoverLetter},
		Content:     posting.Content{About: lang.T("About", "À propos"), Duties: lang.T("- one\n- two", "- un\n- deux")},
		Eligibility: []posting.Requirement{{Text: lang.T("Enrolled", "Inscrit")}},
		Groups: []posting.QualificationGroup{{Heading: lang.T("Research", "Recherche"), Items: []posting.Qualification{
			{Kind: posting.Essential, Text: lang.T("Analysis", "Analyse")},
			{Kind: posting.Asset, Text: lang.T("SQL", "SQL")},
		}}},
	}
}

func TestPostingRoundTrip(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		now := time.Date(2023, 10, 1, 12, 0, 0, 0, time.UTC)
		p := samplePosting()
		if err := db.CreatePosting(ctx, p, now); err != nil {
			t.Fatal(err)
		}
		if p.ID == 0 || p.Version != 1 {
			t.Fatalf("id %d version %d after create", p.ID, p.Version)
		}
		if p.Eligibility[0].ID == 0 || p.Groups[0].ID == 0 || p.Groups[0].Items[1].ID == 0 {
			t.Fatalf("item ids not assigned: %+v %+v", p.Eligibility, p.Groups)
		}
		got, err := db.Posting(ctx, p.ID)
		if err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(got, p) {
			t.Fatalf("round trip differs:\n got %+v\nwant %+v", got, p)
		}
	})
}

func TestPostingNotFound(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		if _, err := db.Posting(context.Background(), 12345); !errors.Is(err, store.ErrNotFound) {
			t.Fatalf("got %v, want ErrNotFound", err)
		}
	})
}

func TestUpdatePostingOptimisticConcurrency(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		now := time.Now()
		p := samplePosting()
		if err := db.CreatePosting(ctx, p, now); err != nil {
			t.Fatal(err)
		}
		firstItem := p.Groups[0].Items[0].ID
		a, _ := db.Posting(ctx, p.ID)
		b, _ := db.Posting(ctx, p.ID)
		a.Title.EN = "Edited by A"
		a.Groups[0].Items = append(a.Groups[0].Items, posting.Qualification{Kind: posting.Asset, Text: lang.T("New", "Nouveau")})
		if err := db.UpdatePosting(ctx, a, now); err != nil {
			t.Fatal(err)
		}
		if a.Version != 2 {
			t.Fatalf("version %d, want 2", a.Version)
		}
		b.Title.EN = "Edited by B"
		if err := db.UpdatePosting(ctx, b, now); !errors.Is(err, store.ErrConflict) {
			t.Fatalf("stale update: got %v, want ErrConflict", err)
		}
		if b.Version != 1 || b.Title.EN != "Edited by B" {
			t.Fatalf("failed update must leave the caller's posting as it was: %+v", b)
		}
		got, _ := db.Posting(ctx, p.ID)
		if got.Title.EN != "Edited by A" {
			t.Fatalf("title %q, want A's edit", got.Title.EN)
		}
		items := got.Groups[0].Items
		if items[0].ID != firstItem || items[2].ID == 0 || items[2].ID == items[1].ID {
			t.Fatalf("item ids must be stable and new ones unique: %+v", items)
		}
		missing := samplePosting()
		missing.ID, missing.Version = 999999, 1
		if err := db.UpdatePosting(ctx, missing, now); !errors.Is(err, store.ErrNotFound) {
			t.Fatalf("update of missing: got %v, want ErrNotFound", err)
		}
	})
}

// An item id, once given out, is never given to another item, even after its
// item is deleted: applications refer to items by id.
func TestItemIDsNeverReused(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		now := time.Now()
		p := samplePosting()
		if err := db.CreatePosting(ctx, p, now); err != nil {
			t.Fatal(err)
		}
		items := p.Groups[0].Items
		last := items[len(items)-1].ID // the highest id given out
		if p.ItemSeq != last {
			t.Fatalf("item_seq %d, want the highest id %d", p.ItemSeq, last)
		}
		got, _ := db.Posting(ctx, p.ID)
		got.Groups[0].Items = items[:len(items)-1] // delete the newest item
		if err := db.UpdatePosting(ctx, got, now); err != nil {
			t.Fatal(err)
		}
		got, _ = db.Posting(ctx, p.ID)
		got.Groups[0].Items = append(got.Groups[0].Items, posting.Qualification{Kind: posting.Asset, Text: lang.T("Added", "Ajoutée")})
		if err := db.UpdatePosting(ctx, got, now); err != nil {
			t.Fatal(err)
		}
		got, _ = db.Posting(ctx, p.ID)
		added := got.Groups[0].Items[len(got.Groups[0].Items)-1].ID
		if added <= last {
			t.Fatalf("new item got id %d, which an earlier item (up to %d) had", added, last)
		}
		if got.ItemSeq != added {
			t.Fatalf("item_seq %d after adding %d", got.ItemSeq, added)
		}
	})
}

func TestListAndEachPublic(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		base := time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC)
		var ps []*posting.Posting
		for i, st := range []posting.Status{posting.Draft, posting.Published, posting.Closed, posting.Archived, posting.Published} {
			p := samplePosting()
			p.Status = st
			p.Title.EN = string(st)
			if i == 4 {
				p.OrgCode = "other"
			}
			ps = append(ps, p)
		}
		if err := db.InsertPostings(ctx, ps, base); err != nil {
			t.Fatal(err)
		}
		for i := 1; i < len(ps); i++ {
			if ps[i].ID <= ps[i-1].ID {
				t.Fatalf("ids not ascending: %d then %d", ps[i-1].ID, ps[i].ID)
			}
			got, err := db.Posting(ctx, ps[i].ID)
			if err != nil || got.Title.EN != ps[i].Title.EN {
				t.Fatalf("posting %d: %v %+v", ps[i].ID, err, got)
			}
		}
		var public []string
		err := db.EachPublicPosting(ctx, func(p *posting.Posting) error {
			public = append(public, p.Title.EN)
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
		if want := []string{"published", "closed", "published"}; !reflect.DeepEqual(public, want) {
			t.Fatalf("public %v, want %v", public, want)
		}
		list, total, err := db.ListPostings(ctx, store.PostingFilter{Status: posting.Published, Org: "ods"})
		if err != nil {
			t.Fatal(err)
		}
		if total != 1 || len(list) != 1 || list[0].ID != ps[1].ID {
			t.Fatalf("filtered list: total %d %+v", total, list)
		}
		_, total, _ = db.ListPostings(ctx, store.PostingFilter{})
		if n, _ := db.CountPostings(ctx); total != 5 || n != 5 {
			t.Fatalf("total %d count %d, want 5", total, n)
		}
	})
}

// The audit log holds exactly the posting changes that were committed: a
// refused (stale) update leaves no record.
func TestPostingChangesAreAuditedInTheirTransaction(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		now := time.Now()
		p := samplePosting()
		if err := db.CreatePosting(ctx, p, now, store.AuditNote{ActorID: 7, Action: "posting.create"}); err != nil {
			t.Fatal(err)
		}
		stale := *p
		if err := db.UpdatePosting(ctx, p, now, store.AuditNote{ActorID: 7, Action: "posting.update"}); err != nil {
			t.Fatal(err)
		}
		if err := db.UpdatePosting(ctx, &stale, now, store.AuditNote{ActorID: 8, Action: "posting.update"}); !errors.Is(err, store.ErrConflict) {
			t.Fatalf("stale update: %v", err)
		}
		log, err := db.AuditLog(ctx, fmt.Sprintf("posting:%d", p.ID), 10)
		if err != nil {
			t.Fatal(err)
		}
		if len(log) != 2 || log[0].ActorID != 7 || log[1].ActorID != 7 {
			t.Fatalf("audit log %+v, want the create and the one committed update, by actor 7", log)
		}
	})
}
