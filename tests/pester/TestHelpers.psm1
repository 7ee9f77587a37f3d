# Shared setup for the Pester tests: the built module, a local emulator per Describe, CSV files and AD-shaped objects.
# The tests run the way an admin works: Import-Csv, pipelines, -ErrorVariable as a report.
Set-StrictMode -Version 3.0

$script:RepoRoot = Split-Path (Split-Path $PSScriptRoot)

function Import-WireScimTestModule {
    <# Imports the built module ($env:WIRESCIM_MODULE) and the emulator helpers into the global scope. #>
    [CmdletBinding()]
    param()
    if (-not $env:WIRESCIM_MODULE -or -not (Test-Path $env:WIRESCIM_MODULE)) {
        throw "Set WIRESCIM_MODULE to the built WireScim.psd1 (run ./build.ps1 -Task Build); it is '$env:WIRESCIM_MODULE'."
    }
    if (-not (Get-Module WireScim)) { Import-Module $env:WIRESCIM_MODULE -Global -ErrorAction Stop }
    if (-not (Get-Module EmulatorProcess)) {
        Import-Module (Join-Path $script:RepoRoot 'tests/tools/EmulatorProcess.psm1') -Global -ErrorAction Stop
    }
}

function ConvertTo-TestSecret {
    param([Parameter(Mandatory)] [string] $Text)
    ConvertTo-SecureString -String $Text -AsPlainText -Force
}

function Start-TestEmulator {
    <# Starts an emulator ($env:WIRESCIM_EMULATOR) on a free loopback port with a pre-seeded SCIM token. #>
    [CmdletBinding()]
    param(
        [Parameter(Mandatory)] [string] $Token,
        [string[]] $ArgumentList = @()
    )
    Start-WireScimEmulator -ArgumentList (@('--scim-token', $Token) + $ArgumentList)
}

function Connect-TestEmulator {
    <# Connect-WireScim to the emulator's /scim/v2 with the given token; -PassThru returns the connection. #>
    [CmdletBinding()]
    param(
        [Parameter(Mandatory)] $Emulator,
        [Parameter(Mandatory)] [string] $Token,
        [switch] $PassThru
    )
    Connect-WireScim -Uri $Emulator.ScimUri -Token (ConvertTo-TestSecret $Token) -PassThru:$PassThru
}

function Stop-TestEmulator {
    param($Emulator)
    if ($Emulator) { $Emulator | Stop-WireScimEmulator }
}

function Get-TestDriveRoot {
    $drive = Get-PSDrive -Name TestDrive -ErrorAction SilentlyContinue
    if ($drive) { return $drive.Root }
    $variable = Get-Variable -Name TestDrive -Scope Global -ErrorAction SilentlyContinue
    if ($variable) { return $variable.Value }
    throw 'TestDrive is not available: call this from a Pester block.'
}

function New-TestCsv {
    <# Writes the given lines (header first) to a file in $TestDrive and returns its path. #>
    [CmdletBinding()]
    param(
        [Parameter(Mandatory)] [string] $Name,
        [Parameter(Mandatory)] [string[]] $Line
    )
    $path = Join-Path (Get-TestDriveRoot) $Name
    Set-Content -LiteralPath $path -Value $Line -Encoding utf8
    $path
}

function Get-TestDataPath {
    param([Parameter(Mandatory)] [string] $Name)
    Join-Path $PSScriptRoot "data/$Name"
}

function New-ADShapedUser {
    <#
    An object shaped like Get-ADUser output. Without -WithProperties it has the default property set (no DisplayName,
    no mail); with it, it is what Get-ADUser -Properties DisplayName,mail returns.
    #>
    [CmdletBinding()]
    param(
        [Parameter(Mandatory)] [string] $SamAccountName,
        [Parameter(Mandatory)] [string] $GivenName,
        [Parameter(Mandatory)] [string] $Surname,
        [bool] $Enabled = $true,
        [string] $Domain = 'example.com',
        [switch] $WithProperties,
        [string] $DisplayName,
        [string] $Mail
    )
    $name = "$GivenName $Surname"
    $user = [ordered]@{
        DistinguishedName = "CN=$name,OU=Staff,DC=example,DC=com"
        Enabled           = $Enabled
        GivenName         = $GivenName
        Name              = $name
        ObjectClass       = 'user'
        ObjectGUID        = [guid]::NewGuid()
        SamAccountName    = $SamAccountName
        SID               = 'S-1-5-21-1004336348-1177238915-682003330-' + (Get-Random -Minimum 1000 -Maximum 99999)
        Surname           = $Surname
        UserPrincipalName = "$SamAccountName@$Domain"
    }
    if ($WithProperties) {
        $user.DisplayName = if ($PSBoundParameters.ContainsKey('DisplayName')) { $DisplayName } else { $name }
        $user.mail = if ($PSBoundParameters.ContainsKey('Mail')) { $Mail } else { "$($GivenName.ToLowerInvariant()).$($Surname.ToLowerInvariant())@$Domain" }
    }
    [pscustomobject]$user
}

function Get-EmulatorUser {
    <# The users the emulator holds (its own view, not the module's), optionally only the one with this handle. #>
    [CmdletBinding()]
    param(
        [Parameter(Mandatory)] $Emulator,
        [string] $UserName
    )
    # Invoke-RestMethod writes a JSON array as one object: unroll it.
    $all = @(foreach ($page in Get-WireScimEmulatorUsers -Emulator $Emulator) { foreach ($user in $page) { $user } })
    if ($PSBoundParameters.ContainsKey('UserName')) { $all | Where-Object userName -CEQ $UserName } else { $all }
}

function Get-EmulatorWrites {
    <# POST/PUT/PATCH/DELETE requests the emulator has received on /scim/v2/Users. #>
    param([Parameter(Mandatory)] $Emulator)
    [long](Get-WireScimEmulatorStats -Emulator $Emulator).writes
}

function Get-ErrorFor {
    <# The error records of one input row ("Row N" at the start of the message). #>
    param(
        [Parameter(Mandatory)] [AllowEmptyCollection()] [object[]] $ErrorRecord,
        [Parameter(Mandatory)] [int] $Row
    )
    @($ErrorRecord | Where-Object { $_.Exception.Message -match "^Row $Row\b" })
}

function Get-TerminatingError {
    <# Runs a call that must end with a terminating error (whatever -ErrorAction says) and returns its record. #>
    param([Parameter(Mandatory)] [scriptblock] $Call)
    try { $null = & $Call } catch { return $_ }
    throw 'The call did not throw a terminating error.'
}

function Start-ChildPwsh {
    <#
    dotnet pwsh -NoProfile -NonInteractive <arguments> from the repository (where the pwsh tool manifest is), as a
    task scheduler runs a script: output captured, -Environment entries set for the child only. With -ReadOutputLines
    standard output is left to the caller (Process.StandardOutput), for a child that runs until it is stopped.
    #>
    param(
        [Parameter(Mandatory)] [string[]] $ArgumentList,
        [hashtable] $Environment = @{},
        [switch] $ReadOutputLines
    )
    $start = [System.Diagnostics.ProcessStartInfo]::new('dotnet')
    foreach ($argument in @('pwsh', '-NoProfile', '-NonInteractive') + $ArgumentList) { $start.ArgumentList.Add([string]$argument) }
    foreach ($name in $Environment.Keys) { $start.Environment[$name] = [string]$Environment[$name] }
    $start.WorkingDirectory = $script:RepoRoot
    $start.UseShellExecute = $false
    $start.RedirectStandardOutput = $true
    $start.RedirectStandardError = $true
    $process = [System.Diagnostics.Process]::Start($start)
    $output = if ($ReadOutputLines) { $null } else { $process.StandardOutput.ReadToEndAsync() }
    [pscustomobject]@{ Process = $process; Output = $output; Errors = $process.StandardError.ReadToEndAsync() }
}

function Wait-ChildPwsh {
    param([Parameter(Mandatory)] $Child, [int] $TimeoutSeconds = 60)
    if (-not $Child.Process.WaitForExit($TimeoutSeconds * 1000)) {
        $Child.Process.Kill($true)
        throw "The child pwsh did not finish within $TimeoutSeconds s."
    }
    $Child.Process.WaitForExit()
    [pscustomobject]@{ ExitCode = $Child.Process.ExitCode; Output = $Child.Output.Result; Errors = $Child.Errors.Result }
}

Export-ModuleMember -Function Import-WireScimTestModule, ConvertTo-TestSecret, Start-TestEmulator, Connect-TestEmulator,
    Stop-TestEmulator, Get-TestDriveRoot, New-TestCsv, Get-TestDataPath, New-ADShapedUser, Get-EmulatorUser, Get-EmulatorWrites, Get-ErrorFor,
    Get-TerminatingError, Start-ChildPwsh, Wait-ChildPwsh
