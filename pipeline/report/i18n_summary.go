package report

// summaryMessages are the texts of the one-page summary.
var summaryMessages = map[string]msg{}
