# Chaining the token cmdlets as an admin types it: Get-WireScimToken ... | Remove-WireScimToken without typing the
# address again, a clear error where no login is given and nobody can be asked, and confirmations that name the
# token. What -WhatIf and the prompts say is read from a child pwsh, where it goes to the console.
BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Import-WireScimTestModule
    $emulator = Start-WireScimEmulator
    $admin = [pscredential]::new($emulator.AdminEmail, (ConvertTo-SecureString $emulator.AdminPassword -AsPlainText -Force))

    function Get-TokenNames { @(Get-WireScimToken -Uri $emulator.Uri -Credential $admin | ForEach-Object Name) }

    # A child pwsh that logs in with the emulator's admin (password passed in the environment, never on the command line).
    function Invoke-AdminScript([string] $Script) {
        $prelude = "Import-Module '$env:WIRESCIM_MODULE'; `$admin = [pscredential]::new('$($emulator.AdminEmail)', (ConvertTo-SecureString `$env:WIRESCIM_TEST_PASSWORD -AsPlainText -Force)); `$uri = '$($emulator.Uri)'; "
        $child = Start-ChildPwsh -ArgumentList '-Command', ($prelude + $Script) -Environment @{ WIRESCIM_TEST_PASSWORD = $emulator.AdminPassword }
        Wait-ChildPwsh -Child $child -TimeoutSeconds 120
    }
}

AfterAll {
    if ($emulator) { $emulator | Stop-WireScimEmulator }
}

Describe 'Get-WireScimToken | Remove-WireScimToken' {
    It 'revokes the piped token without -Uri' {
        $null = New-WireScimToken -Uri $emulator.Uri -Credential $admin -Name 'retired connector' -Description 'HR connector 2019'
        $null = New-WireScimToken -Uri $emulator.Uri -Credential $admin -Name 'kept connector'
        Get-WireScimToken -Uri $emulator.Uri -Credential $admin | Where-Object Name -EQ 'retired connector' |
            Remove-WireScimToken -Credential $admin -Confirm:$false
        Get-TokenNames | Should -Not -Contain 'retired connector'
        Get-TokenNames | Should -Contain 'kept connector'
    }

    It 'ends with WireScim.CredentialRequired, revoking nothing, when no login is given and nobody can be asked' {
        $before = Get-TokenNames
        { Get-WireScimToken -Uri $emulator.Uri -Credential $admin | Where-Object Name -EQ 'kept connector' | Remove-WireScimToken -Confirm:$false } |
            Should -Throw -ErrorId 'WireScim.CredentialRequired,WireScim.Commands.RemoveWireScimTokenCommand'
        Get-TokenNames | Should -Be $before
    }

    It 'names the token by name and description in -WhatIf, and revokes nothing' {
        $null = New-WireScimToken -Uri $emulator.Uri -Credential $admin -Name 'whatif connector' -Description 'Payroll import'
        $run = Invoke-AdminScript "Get-WireScimToken -Uri `$uri -Credential `$admin | Where-Object Name -EQ 'whatif connector' | Remove-WireScimToken -WhatIf"
        $run.ExitCode | Should -Be 0 -Because $run.Errors
        $run.Output | Should -Match "What if: .*SCIM token 'whatif connector' \(Payroll import, id [0-9a-f-]{36}\)"
        Get-TokenNames | Should -Contain 'whatif connector'
    }
}
