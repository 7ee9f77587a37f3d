# The group helpers in tests/tools/EmulatorProcess.psm1: Team-Settings groups, the group listing and the release switch.

BeforeAll {
    if (-not (Get-Module EmulatorProcess)) {
        Import-Module (Join-Path $PSScriptRoot '../tools/EmulatorProcess.psm1') -Global -ErrorAction Stop
    }
}

Describe 'Emulator group helpers' {
    BeforeAll {
        $emulator = Start-WireScimEmulator -ArgumentList '--scim-token', 'group-tools-token', '--idp', '3a7d1c5e-8f2b-4c6d-9e0a-1b2c3d4e5f60'
        $headers = @{ Authorization = 'Bearer group-tools-token' }
        function New-ScimUser([string] $Handle) {
            Invoke-RestMethod -Method Post -Uri "$($emulator.ScimUri)/Users" -Headers $headers -ContentType 'application/scim+json' `
                -Body (@{ userName = $Handle; externalId = "$Handle@example.com" } | ConvertTo-Json -Compress)
        }
        function Get-ScimStatus([string] $Path) {
            try { $null = Invoke-WebRequest -Uri "$($emulator.ScimUri)$Path" -Headers $headers; 200 }
            catch { [int]$_.Exception.Response.StatusCode }
        }
    }
    AfterAll { if ($emulator) { $emulator | Stop-WireScimEmulator } }

    It 'lists no groups as an empty result' {
        @(Get-WireScimEmulatorGroups -Emulator $emulator).Count | Should -Be 0
    }

    It 'seeds, changes and removes a group made in Team Settings' {
        $alice = New-ScimUser alice
        $owner = New-WireScimEmulatorMember -Emulator $emulator -DisplayName 'Olga Owner' -Handle owner1 -Email olga@example.com -Role owner
        $group = New-WireScimEmulatorGroup -Emulator $emulator -DisplayName 'Board' -Member $alice.id, $owner.id
        $group.managedBy | Should -Be 'wire'
        @($group.members).Count | Should -Be 2

        $changed = Set-WireScimEmulatorGroup -Emulator $emulator -Id $group.id -DisplayName 'Board 2' -Member $alice.id
        $changed.displayName | Should -Be 'Board 2'
        @($changed.members) | Should -Be @($alice.id)
        $listed = @(Get-WireScimEmulatorGroups -Emulator $emulator)
        $listed.Count | Should -Be 1
        $listed[0].displayName | Should -Be 'Board 2'

        Remove-WireScimEmulatorGroup -Emulator $emulator -Id $group.id
        @(Get-WireScimEmulatorGroups -Emulator $emulator).Count | Should -Be 0
    }

    It 'switches the release /scim/v2/Groups is served as' {
        (Set-WireScimEmulatorRelease -Emulator $emulator -Release '5.23').groups | Should -Be 'none'
        Get-ScimStatus '/Groups?count=1' | Should -Be 404
        (Set-WireScimEmulatorRelease -Emulator $emulator -Release '5.25').groups | Should -Be 'paged'
        Get-ScimStatus '/Groups?count=1' | Should -Be 200
        (Get-WireScimEmulatorStats -Emulator $emulator).groupRequests.GET | Should -Be 2
    }
}
