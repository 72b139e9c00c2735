package job

import (
	"context"

	"synergy/pipeline/models"
	"synergy/pipeline/warehouse"
)

// modelsDB is the run's database as pipeline/models sees it: a DB that can open
// a second connection, so the data tests run two at a time.
type modelsDB struct{ *warehouse.DB }

func (d modelsDB) OpenSession(ctx context.Context) (models.Session, error) {
	s, err := d.Session(ctx)
	if err != nil {
		return nil, err
	}
	return s, nil
}
