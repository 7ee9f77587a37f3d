<#
.SYNOPSIS
    Nightly Wire provisioning from an HR export: sync, write a report, exit non-zero when anything failed.
.DESCRIPTION
    Run it from Task Scheduler (or cron) as the account that owns the token store:
        pwsh -NoProfile -NonInteractive -File nightly-sync.ps1 -CsvPath \\share\hr\staff.csv -TokenPath D:\WireScim\token.xml -RichInfoProperty Department,Title
    The token comes from a SecretManagement vault (-SecretName) or from an Export-Clixml file (-TokenPath).
    Export-Clixml is encrypted with DPAPI on Windows only; on Linux and macOS the file is not encrypted.

    State and reports go to the running account's own data folder unless -StatePath and -ReportDirectory say
    otherwise: %LOCALAPPDATA%\WireScim on Windows, ~/.local/share/WireScim on Linux and macOS (XDG_DATA_HOME if
    set). Each run writes its own report, wirescim-report-<yyyy-MM-dd-HHmmss>.csv (a suffix -2, -3 ... when two
    runs start in the same second), also when Wire rejects the token.

    Comma lists such as -RichInfoProperty Department,Title work as written under pwsh -File too (there they
    arrive as one string, which the script splits at the commas).

    Exit codes:
      0  every row synced (or was unchanged)
      1  some rows failed or were held back by the deletion guard: see the report
      2  the run could not start (module, token store, CSV) or Wire could not be reached
      3  Wire rejected the token (401): it was revoked or is wrong; create a new one with New-WireScimToken
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
    [string] $StatePath,
    [string] $ReportDirectory,
    [ValidateSet('None', 'Disable', 'Remove')] [string] $MissingAction = 'Disable',
    [string[]] $RichInfoProperty = @(),
    [string] $Delimiter = ',',
    [string] $ModulePath = 'WireScim'
)
$ErrorActionPreference = 'Stop'
Set-StrictMode -Version 3.0

function Get-DataDirectory {
    # The running account's own data folder: a scheduled task's account can write there, an install folder it may not.
    # DoNotVerify: without it an empty string comes back when the folder does not exist yet.
    $base = [Environment]::GetFolderPath('LocalApplicationData', 'DoNotVerify')
    if (-not $base) { throw 'This account has no local application data folder: give -StatePath and -ReportDirectory.' }
    Join-Path $base 'WireScim'
}

function New-ReportPath {
    # A name of its own for each run: seconds in the stamp, and a suffix when another run took the name first.
    param([string] $Directory)
    $stem = Join-Path $Directory ('wirescim-report-{0:yyyy-MM-dd-HHmmss}' -f (Get-Date))
    for ($n = 1; ; $n++) {
        $path = if ($n -eq 1) { "$stem.csv" } else { "$stem-$n.csv" }
        try {
            # CreateNew fails when the file exists, so two runs never write to one report.
            [IO.File]::Open($path, [IO.FileMode]::CreateNew).Dispose()
            return $path
        }
        catch [System.IO.IOException] {
            if (-not (Test-Path -LiteralPath $path)) { throw }
        }
    }
}

function Write-Report {
    param([object[]] $Result, [string] $Path)
    @($Result) | Select-Object Action, Row, UserName, ExternalId, Id, Changes, Note, ErrorId, Error |
        Export-Csv -LiteralPath $Path -NoTypeInformation -Encoding utf8
}

try {
    $data = Get-DataDirectory
    if (-not $StatePath) { $StatePath = Join-Path $data 'state.json' }
    if (-not $ReportDirectory) { $ReportDirectory = Join-Path $data 'reports' }
    foreach ($directory in (Split-Path $StatePath), $ReportDirectory) {
        if ($directory -and -not (Test-Path -LiteralPath $directory)) { $null = New-Item -ItemType Directory -Path $directory }
    }
    # Under pwsh -File, "-RichInfoProperty Department,Title" arrives as the one string 'Department,Title'.
    $RichInfoProperty = @($RichInfoProperty | ForEach-Object { $_ -split ',' } | ForEach-Object Trim | Where-Object { $_ })

    Import-Module $ModulePath
    $token = if ($SecretName) { Get-Secret -Name $SecretName }
             elseif ($TokenPath) { Import-Clixml $TokenPath }
             else { throw 'Give -SecretName (SecretManagement vault) or -TokenPath (Export-Clixml file) for the SCIM token.' }
    Connect-WireScim -Uri $Uri -Token $token
    $rows = Import-Csv $CsvPath -Delimiter $Delimiter
    $report = New-ReportPath $ReportDirectory
}
catch {
    Write-Error "Nightly Wire sync could not start: $($_.Exception.Message)" -ErrorAction Continue
    exit 2
}

$syncParameters = @{ StatePath = $StatePath; MissingAction = $MissingAction; ErrorAction = 'SilentlyContinue'; ErrorVariable = 'syncErrors' }
if ($RichInfoProperty) { $syncParameters.RichInfoProperty = $RichInfoProperty }
$results = [System.Collections.Generic.List[object]]::new()
try {
    $rows | Sync-WireScimUser @syncParameters | ForEach-Object { $results.Add($_) }
}
catch {
    # A terminating error: nothing else could succeed (token rejected, Wire unreachable). The report says so.
    $errorId = $_.FullyQualifiedErrorId.Split(',')[0]
    $results.Add([pscustomobject]@{ Action = 'Failed'; Row = $null; UserName = $null; ExternalId = $null; Id = $null; Changes = $null
            ErrorId = $errorId; Error = $_.Exception.Message })
    Write-Report $results $report
    Write-Error "Nightly Wire sync stopped: $($_.Exception.Message) Report: $report" -ErrorAction Continue
    if ($errorId -eq 'WireScim.TokenRejected') { exit 3 }
    exit 2
}
Write-Report $results $report

$failed = @($results | Where-Object Action -In 'Failed', 'Skipped').Count
$summary = ($results | Group-Object Action | ForEach-Object { "$($_.Name) $($_.Count)" }) -join ', '
Write-Output "Wire sync: $summary. Report: $report"
if ($failed -gt 0 -or $syncErrors.Count -gt 0) {
    Write-Output "$failed row(s) failed or were held back; see the report."
    exit 1
}
exit 0
