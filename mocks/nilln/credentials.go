package nilln

import (
	"net/http"
	"sort"
	"strconv"

	"github.com/kycsim/kycsim/mocks/emu"
)

// TokenInfo is one token as GET /__admin/fixtures lists it.
type TokenInfo struct {
	ID        int      `json:"id"`
	Name      string   `json:"name"`
	Token     string   `json:"token"`  // Sanctum's "{id}|{secret}" form
	Secret    string   `json:"secret"` // the 40-character form seed 000 shows
	Abilities []string `json:"abilities"`
	Revoked   bool     `json:"revoked"`
	Profile   string   `json:"profile"`
	User      string   `json:"user"`
	UserID    int      `json:"user_id"`
}

// Credentials implements emu.API.
func (a *API) Credentials(r *http.Request, st emu.State) any {
	s := st.(*State)
	call := emu.CallOf(r)
	s.mu.RLock()
	defer s.mu.RUnlock()
	tokens := make([]TokenInfo, 0, len(s.tokenIDs))
	for _, t := range s.tokenIDs {
		var abilities []string
		for _, ab := range []string{abilityRead, abilityCreate, abilityUpdate, abilityDelete} {
			if t.abilities[ab] {
				abilities = append(abilities, ab)
			}
		}
		tokens = append(tokens, TokenInfo{ID: t.id, Name: t.name, Token: strconv.Itoa(t.id) + "|" + t.secret,
			Secret: t.secret, Abilities: abilities, Revoked: t.revoked, Profile: t.user.profile.id,
			User: t.user.name, UserID: t.user.id})
	}
	sort.Slice(tokens, func(i, j int) bool { return tokens[i].ID < tokens[j].ID })
	profiles := []map[string]any{}
	for _, p := range s.order {
		profiles = append(profiles, map[string]any{"id": p.id, "name": p.name, "active_clients": len(p.active)})
	}
	return map[string]any{
		"base_url": call.BaseURL + call.Prefix + BasePath,
		"tokens":   tokens,
		"profiles": profiles,
	}
}
