# Starts and stops the local Wire emulator as a child process, for the demo, the Pester tests and the benchmarks.
Set-StrictMode -Version 3.0

function Start-WireScimEmulator {
    [CmdletBinding()]
    param(
        [string] $EmulatorPath = $env:WIRESCIM_EMULATOR,
        [string[]] $ArgumentList = @(),
        [string] $AdminEmail = 'admin@example.com',
        [string] $AdminPassword = 'correct horse battery staple',
        [int] $StartTimeoutSeconds = 60
    )
    if (-not $EmulatorPath -or -not (Test-Path $EmulatorPath)) { throw "The emulator is not built at '$EmulatorPath'. Run ./build.ps1 -Task Build." }
    $start = [System.Diagnostics.ProcessStartInfo]::new('dotnet')
    foreach ($argument in @($EmulatorPath, '--port', '0', '--admin-email', $AdminEmail, '--admin-password', $AdminPassword) + $ArgumentList) {
        $start.ArgumentList.Add([string]$argument)
    }
    $start.RedirectStandardOutput = $true
    $start.RedirectStandardError = $true
    $start.UseShellExecute = $false
    $process = [System.Diagnostics.Process]::Start($start)
    $errors = [System.Collections.Concurrent.ConcurrentQueue[string]]::new()
    $null = Register-ObjectEvent -InputObject $process -EventName ErrorDataReceived -MessageData $errors -Action { if ($EventArgs.Data) { $Event.MessageData.Enqueue($EventArgs.Data) } }
    $process.BeginErrorReadLine()
    $line = $process.StandardOutput.ReadLineAsync()
    if (-not $line.Wait([TimeSpan]::FromSeconds($StartTimeoutSeconds)) -or -not $line.Result) {
        if (-not $process.HasExited) { $process.Kill($true) }
        throw "The emulator did not start: $($errors.ToArray() -join ' ')"
    }
    [pscustomobject]@{
        PSTypeName    = 'WireScim.EmulatorProcess'
        Process       = $process
        Uri           = $line.Result.Trim()
        ScimUri       = $line.Result.Trim() + '/scim/v2'
        AdminEmail    = $AdminEmail
        AdminPassword = $AdminPassword
        Errors        = $errors
    }
}

function Stop-WireScimEmulator {
    [CmdletBinding()]
    param([Parameter(Mandatory, ValueFromPipeline)] $Emulator)
    process {
        if (-not $Emulator.Process.HasExited) {
            $Emulator.Process.Kill($true)
            $null = $Emulator.Process.WaitForExit(10000)
        }
        $Emulator.Process.Dispose()
    }
}

function Get-WireScimEmulatorStats {
    param([Parameter(Mandatory)] $Emulator)
    Invoke-RestMethod -Uri "$($Emulator.Uri)/_emulator/stats"
}

function Reset-WireScimEmulatorStats {
    param([Parameter(Mandatory)] $Emulator)
    $null = Invoke-RestMethod -Method Post -Uri "$($Emulator.Uri)/_emulator/stats/reset"
}

function Get-WireScimEmulatorUsers {
    param([Parameter(Mandatory)] $Emulator)
    Invoke-RestMethod -Uri "$($Emulator.Uri)/_emulator/users"
}

# Seeds a team member that Wire, not SCIM, manages: the owner, a Team-Settings user, or (-Pending) an open
# Team-Settings invitation. A SCIM look-up that reaches such a member takes them over (docs/wire-behaviour.md).
function New-WireScimEmulatorMember {
    param(
        [Parameter(Mandatory)] $Emulator,
        [Parameter(Mandatory)] [string] $DisplayName,
        [string] $Handle,
        [string] $Email,
        [ValidateSet('owner', 'admin', 'member', 'partner')] [string] $Role = 'member',
        [switch] $Pending
    )
    $body = @{ displayName = $DisplayName; role = $Role; pending = [bool]$Pending }
    if ($Handle) { $body.handle = $Handle }
    if ($Email) { $body.email = $Email }
    Invoke-RestMethod -Method Post -Uri "$($Emulator.Uri)/_emulator/members" -ContentType 'application/json' -Body ($body | ConvertTo-Json -Compress)
}

# The newest second-factor code the emulator "e-mailed" to -Email for -Action (it does not request one); $null if none.
function Get-WireScimEmulatorVerificationCode {
    param(
        [Parameter(Mandatory)] $Emulator,
        [Parameter(Mandatory)] [string] $Email,
        [ValidateSet('login', 'create_scim_token', 'delete_team')] [string] $Action = 'login'
    )
    # Invoke-RestMethod hands a JSON array over as one object; @() of the variable enumerates it.
    $mailed = Invoke-RestMethod -Uri "$($Emulator.Uri)/_emulator/verification-codes?email=$([uri]::EscapeDataString($Email))"
    $newest = @($mailed) | Where-Object { $_.action -eq $Action } | Select-Object -Last 1
    if ($newest) { $newest.code } else { $null }
}

# Groups made, changed or deleted in Team Settings (managed by Wire, not by SCIM); members are user ids.
function New-WireScimEmulatorGroup {
    param([Parameter(Mandatory)] $Emulator, [Parameter(Mandatory)] [string] $DisplayName, [string[]] $Member = @())
    $body = @{ displayName = $DisplayName; members = @($Member) } | ConvertTo-Json -Compress
    Invoke-RestMethod -Method Post -Uri "$($Emulator.Uri)/_emulator/groups" -ContentType 'application/json' -Body $body
}

function Set-WireScimEmulatorGroup {
    param([Parameter(Mandatory)] $Emulator, [Parameter(Mandatory)] [string] $Id, [string] $DisplayName, [string[]] $Member)
    $body = @{}
    if ($PSBoundParameters.ContainsKey('DisplayName')) { $body.displayName = $DisplayName }
    if ($PSBoundParameters.ContainsKey('Member')) { $body.members = @($Member) }
    Invoke-RestMethod -Method Put -Uri "$($Emulator.Uri)/_emulator/groups/$Id" -ContentType 'application/json' -Body ($body | ConvertTo-Json -Compress)
}

function Remove-WireScimEmulatorGroup {
    param([Parameter(Mandatory)] $Emulator, [Parameter(Mandatory)] [string] $Id)
    $null = Invoke-RestMethod -Method Delete -Uri "$($Emulator.Uri)/_emulator/groups/$Id"
}

# Every group of the team: id, displayName, managedBy (scim|wire), members (user ids), created. Count with @(...).
function Get-WireScimEmulatorGroups {
    param([Parameter(Mandatory)] $Emulator)
    Invoke-RestMethod -Uri "$($Emulator.Uri)/_emulator/groups" | ForEach-Object { $_ }
}

# Switches the Wire release the emulator serves /scim/v2/Groups as: 5.23 (none), 5.24 (unpaged), 5.25+ (paged).
function Set-WireScimEmulatorRelease {
    param([Parameter(Mandatory)] $Emulator, [Parameter(Mandatory)] [string] $Release)
    Invoke-RestMethod -Method Post -Uri "$($Emulator.Uri)/_emulator/release" -ContentType 'application/json' -Body (@{ release = $Release } | ConvertTo-Json -Compress)
}

Export-ModuleMember -Function Start-WireScimEmulator, Stop-WireScimEmulator, Get-WireScimEmulatorStats, Reset-WireScimEmulatorStats, Get-WireScimEmulatorUsers,
    New-WireScimEmulatorMember, Get-WireScimEmulatorVerificationCode,
    New-WireScimEmulatorGroup, Set-WireScimEmulatorGroup, Remove-WireScimEmulatorGroup, Get-WireScimEmulatorGroups, Set-WireScimEmulatorRelease
