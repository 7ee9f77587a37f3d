<#
.SYNOPSIS
    The WireScim admin story, end to end: token, connect, lint a CSV, create, read, update, disable, remove, report,
    a sync of an edited copy of the CSV, and a sync of two groups from AD-shaped objects (Wire 5.24 and later).
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
Show-Step 'Groups (Wire 5.24 and later): two AD groups, as Get-ADGroup and Get-ADGroupMember give them, with Sync-WireScimGroup'
function New-DemoGroup([guid] $Guid, [string] $Name, [string[]] $Member) {
    [pscustomobject]@{ ObjectGUID = $Guid; Name = $Name; DisplayName = $Name; Member = @($Member | ForEach-Object { [pscustomobject]@{ SamAccountName = $_; ObjectClass = 'user' } }) }
}
$adGroups = @(
    New-DemoGroup 'a7f3c2d1-0b1e-4c5d-8e9f-101112131415' 'Sales' 'jdoe', 'msmith', 'nnew'
    New-DemoGroup 'b8e4d3c2-1c2f-4d6e-9fa0-161718192021' 'Engineering' 'kwang', 'lchen', 'nobody.here'
)
$groupState = Join-Path ([IO.Path]::GetTempPath()) "wirescim-demo-$PID.groups.json"
try {
    $adGroups | Sync-WireScimGroup -StatePath $groupState -ErrorVariable refused -ErrorAction SilentlyContinue |
        Format-Table Action, DisplayName, MemberCount, Added, Refused -Wrap
    Write-Host "$($refused.Count) members were left out, each reported before anything was sent: in a team that invites by e-mail, a user can join a group once the invitation is accepted."
    # On the local emulator, the invitees accept their invitations now, as they would by following the e-mailed link.
    $invitees = Get-WireScimUser -UserName jdoe, msmith, nnew, kwang, lchen -ErrorAction SilentlyContinue
    foreach ($user in $invitees) {
        try { $null = Invoke-RestMethod -Method Post -Uri "$Uri/_emulator/users/$($user.Id)/accept-invitation" } catch { Write-Verbose "Not the emulator: $_" }
    }
    Write-Host 'After the invitations are accepted, the next run adds them; the run after that changes nothing and only looks up the two members Wire still does not have:'
    $adGroups | Sync-WireScimGroup -StatePath $groupState -ErrorAction SilentlyContinue | Format-Table Action, DisplayName, MemberCount, Added, Refused -Wrap
    $adGroups | Sync-WireScimGroup -StatePath $groupState -ErrorAction SilentlyContinue | Format-Table Action, DisplayName, MemberCount
    Get-WireScimGroup | Format-Table
}
finally {
    Remove-Item $groupState -ErrorAction Ignore
}

Disconnect-WireScim
Write-Host "`nDemo finished." -ForegroundColor Green
