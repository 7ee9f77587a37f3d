<#
.SYNOPSIS
    The WireScim admin story, end to end: token, connect, lint a CSV, create, read, update, disable, remove, report,
    and a sync of an edited copy of the CSV.
.DESCRIPTION
    build.ps1 -Task Demo runs this against the local Wire emulator. Point it at a test team to rehearse
    (never at production: it removes a user).
#>
param(
    [Parameter(Mandatory)] [string] $Uri,
    [Parameter(Mandatory)] [string] $AdminEmail,
    [Parameter(Mandatory)] [string] $AdminPassword,
    [string] $ModulePath = 'WireScim',
    [string] $CsvPath = (Join-Path $PSScriptRoot 'users.csv')
)
$ErrorActionPreference = 'Stop'
$InformationPreference = 'Continue'
Import-Module $ModulePath

function Show-Step([string] $Text) { Write-Host "`n== $Text" -ForegroundColor Cyan }

Show-Step 'Create a SCIM token with the team admin''s login (what wire_scim_token.py did) and connect with it'
$credential = [pscredential]::new($AdminEmail, (ConvertTo-SecureString $AdminPassword -AsPlainText -Force))
$token = New-WireScimToken -Uri $Uri -Credential $credential -Name 'WireScim demo' -Connect
$token | Format-Table
Write-Host "The token itself is a $($token.Value.GetType().Name); it appears in no output."

Show-Step "Lint $(Split-Path $CsvPath -Leaf) before sending anything (Test-WireScimUser)"
$lint = Import-Csv $CsvPath | Test-WireScimUser -RichInfoProperty Department, Title
$lint | Where-Object { -not $_.IsValid } | Format-Table Row, UserName, @{ n = 'Problem'; e = { $_.Problems[0].Message } } -Wrap

Show-Step 'Import the CSV: valid rows are created, invalid rows are reported and skipped'
$created = Import-Csv $CsvPath | New-WireScimUser -RichInfoProperty Department, Title -ErrorVariable badRows -ErrorAction SilentlyContinue
$created | Sort-Object UserName | Format-Table

Show-Step 'Read one user back, with its profile fields'
Get-WireScimUser -UserName jdoe | Format-List UserName, DisplayName, ExternalId, Email, Active, Role, PreferredLanguage, RichInfo

Show-Step 'Update: change only the display name (language, role and profile are kept)'
Get-WireScimUser -UserName msmith | Set-WireScimUser -DisplayName 'Mike Smith' -PassThru |
    Format-Table UserName, DisplayName, PreferredLanguage, Role, @{ n = 'Department'; e = { $_.RichInfo['Department'] } }

Show-Step 'Disable a user (reversible) and remove another (permanent)'
Get-WireScimUser -UserName pnovak | Disable-WireScimUser -PassThru | Format-Table UserName, Active
Get-WireScimUser -UserName hmueller | Remove-WireScimUser -Confirm:$false
$gone = Get-WireScimUser -UserName hmueller -ErrorAction SilentlyContinue
Write-Host "hmueller after removal: $(if ($gone) { 'still there' } else { 'not found' })"

Show-Step "Report of the rows that were not sent ($($badRows.Count))"
$badRows | ForEach-Object { [pscustomobject]@{ ErrorId = $_.FullyQualifiedErrorId.Split(',')[0]; Message = $_.Exception.Message } } | Format-Table -Wrap

Show-Step 'Nightly sync of an edited copy: one name changed, one row gone, one new row'
$edited = Join-Path ([IO.Path]::GetTempPath()) "wirescim-demo-$PID.csv"
$state = Join-Path ([IO.Path]::GetTempPath()) "wirescim-demo-$PID.state.json"
try {
    $rows = Import-Csv $CsvPath | Where-Object UserName -NE 'kwang'
    ($rows | Where-Object UserName -EQ 'ofarah').DisplayName = 'Omar Farah'
    $rows += [pscustomobject]@{ UserName = 'nnew'; DisplayName = 'Nina New'; ExternalId = 'nina.new@example.com'; PreferredLanguage = 'fr'; Role = 'member'; Department = 'Sales'; Title = 'Trainee'; Active = 'TRUE' }
    $rows | Export-Csv $edited -NoTypeInformation
    $report = Import-Csv $edited | Sync-WireScimUser -StatePath $state -RichInfoProperty Department, Title -ErrorAction SilentlyContinue
    $report | Sort-Object Row | Format-Table Action, Row, UserName, Changes, Error -Wrap
    Write-Host 'A second run with the same file sends nothing:'
    Import-Csv $edited | Sync-WireScimUser -StatePath $state -RichInfoProperty Department, Title -ErrorAction SilentlyContinue |
        Group-Object Action | Format-Table Count, Name
}
finally {
    Remove-Item $edited, $state -ErrorAction Ignore
}
Disconnect-WireScim
Write-Host "`nDemo finished." -ForegroundColor Green
