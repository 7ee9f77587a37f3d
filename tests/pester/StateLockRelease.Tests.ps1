# A sync whose upstream command fails never reaches its end block; disposal must still let go of the state file's lock,
# or every later run in the session is refused as "another run is using the state file".
BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Import-WireScimTestModule
    $token = 'state-lock-release-token'
    $emulator = Start-TestEmulator -Token $token -ArgumentList '--idp', '5b0c4a8e-2f6d-4e1a-9c3b-7d8e9f0a1b2c'
    Connect-TestEmulator -Emulator $emulator -Token $token
    function Invoke-BrokenUpstream {
        [pscustomobject]@{ UserName = 'lock.one'; DisplayName = 'Lock One'; ExternalId = 'lock.one@example.com'; GroupName = 'Lockers' }
        throw 'the HR export broke half-way'
    }
}

AfterAll {
    Disconnect-WireScim -ErrorAction Ignore
    Stop-TestEmulator $emulator
}

Describe 'The state lock after an upstream failure' {
    It 'Sync-WireScimUser can run again on the same state file' {
        $state = Join-Path $TestDrive 'users.state.json'
        { Invoke-BrokenUpstream | Sync-WireScimUser -StatePath $state } | Should -Throw '*broke half-way*'
        $results = [pscustomobject]@{ UserName = 'lock.two'; DisplayName = 'Lock Two'; ExternalId = 'lock.two@example.com' } |
            Sync-WireScimUser -StatePath $state -ErrorAction Stop
        $results.Action | Should -Contain 'Created'
        (Get-WireScimEmulatorUsers -Emulator $emulator | ForEach-Object { $_ }).userName | Should -Contain 'lock.two'
    }

    It 'Sync-WireScimGroup can run again on the same state file' {
        $null = New-WireScimUser -UserName 'lock.three' -DisplayName 'Lock Three' -ExternalId 'lock.three@example.com'
        $state = Join-Path $TestDrive 'groups.state.json'
        { Invoke-BrokenUpstream | Sync-WireScimGroup -StatePath $state } | Should -Throw '*broke half-way*'
        $null = [pscustomobject]@{ GroupName = 'Lockers'; UserName = 'lock.three' } | Sync-WireScimGroup -StatePath $state -ErrorAction Stop
        (Get-WireScimEmulatorGroups -Emulator $emulator | ForEach-Object { $_ }).displayName | Should -Contain 'Lockers'
    }
}
