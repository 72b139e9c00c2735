package report

// stateMessages are the texts of a delegation's view (report --state).
var stateMessages = map[string]msg{}
