<#
.SYNOPSIS
    Nightly Wire provisioning from an HR export: sync, write a report, exit non-zero when any row failed.
.DESCRIPTION
    Run it from Task Scheduler (or cron) as the account that owns the token store:
        pwsh -NoProfile -NonInteractive -File nightly-sync.ps1 -CsvPath \\share\hr\staff.csv -ReportDirectory D:\WireScim\reports
    The token comes from a SecretManagement vault (-SecretName) or from an Export-Clixml file (-TokenPath).
    Export-Clixml is encrypted with DPAPI on Windows only; on Linux and macOS the file is not encrypted.
    Exit codes: 0 all rows fine; 1 some rows failed or were held back (see the report); 2 the run could not start.
.EXAMPLE
    # Once, to store the token for the scheduled account:
    (New-WireScimToken -Uri https://prod-nginz-https.wire.com -Credential (Get-Credential) -Name nightly).Value |
        Export-Clixml D:\WireScim\token.xml
#>
param(
    [Parameter(Mandatory)] [string] $CsvPath,
    [string] $Uri = 'https://prod-nginz-https.wire.com/scim/v2',
    [string] $SecretName,
    [string] $TokenPath,
    [string] $StatePath = (Join-Path $PSScriptRoot 'wirescim-state.json'),
    [string] $ReportDirectory = $PSScriptRoot,
    [ValidateSet('None', 'Disable', 'Remove')] [string] $MissingAction = 'Disable',
    [string[]] $RichInfoProperty = @(),
    [string] $ModulePath = 'WireScim'
)
$ErrorActionPreference = 'Stop'
try {
    Import-Module $ModulePath
    $token = if ($SecretName) { Get-Secret -Name $SecretName }
             elseif ($TokenPath) { Import-Clixml $TokenPath }
             else { throw 'Give -SecretName (SecretManagement vault) or -TokenPath (Export-Clixml file) for the SCIM token.' }
    Connect-WireScim -Uri $Uri -Token $token
    $rows = Import-Csv $CsvPath
}
catch {
    Write-Error "Nightly Wire sync could not start: $($_.Exception.Message)" -ErrorAction Continue
    exit 2
}

$report = Join-Path $ReportDirectory ("wirescim-report-{0:yyyy-MM-dd-HHmm}.csv" -f (Get-Date))
$syncParameters = @{ StatePath = $StatePath; MissingAction = $MissingAction; ErrorAction = 'SilentlyContinue'; ErrorVariable = 'syncErrors' }
if ($RichInfoProperty) { $syncParameters.RichInfoProperty = $RichInfoProperty }
$results = $rows | Sync-WireScimUser @syncParameters
$results | Select-Object Action, Row, UserName, ExternalId, Id, Changes, ErrorId, Error | Export-Csv $report -NoTypeInformation -Encoding utf8

$failed = @($results | Where-Object Action -In 'Failed', 'Skipped').Count
$summary = ($results | Group-Object Action | ForEach-Object { "$($_.Name) $($_.Count)" }) -join ', '
Write-Output "Wire sync: $summary. Report: $report"
if ($failed -gt 0 -or $syncErrors.Count -gt 0) {
    Write-Output "$failed row(s) failed or were held back; see the report."
    exit 1
}
exit 0
