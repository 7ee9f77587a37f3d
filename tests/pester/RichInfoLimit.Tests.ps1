# Wire checks its rich-info limit (spar's richInfoLimit, 5000 by default) on the whole set a user ends up with, and an
# instance may configure another limit. The module checks the same before it sends anything, judged by the emulator.
BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Import-WireScimTestModule
    $script:token = 'rich-info-limit-test-token'
    $script:secureToken = ConvertTo-SecureString $token -AsPlainText -Force

    function Get-RouteCount($Emulator, [string[]] $Route) {
        $routes = (Get-WireScimEmulatorStats -Emulator $Emulator).routes
        ($Route | ForEach-Object { [int]$routes."$_" } | Measure-Object -Sum).Sum
    }
    function Get-EmulatorUser($Emulator, [string] $Id) { Get-WireScimEmulatorUsers -Emulator $Emulator | ForEach-Object { $_ } | Where-Object id -EQ $Id }
    # The rich info Wire stores for a user, as its flat extension object.
    function Get-StoredRichInfo($Emulator, [string] $Id) { (Get-EmulatorUser $Emulator $Id).'urn:ietf:params:scim:schemas:extension:wire:1.0:User' }
}

Describe 'Set-WireScimUser checks the merged rich info against the limit' {
    BeforeAll {
        $emulator = Start-WireScimEmulator -ArgumentList '--scim-token', $token
        $connection = Connect-WireScim -Uri $emulator.ScimUri -Token $secureToken -PassThru
        $user = New-WireScimUser -UserName 'rich.merge' -DisplayName 'Rich Merge' -ExternalId 'rich.merge@example.com' `
            -RichInfo @{ Biography = 'b' * 3000; Notes = 'n' * 1500 }
    }
    AfterAll {
        Disconnect-WireScim -ErrorAction Ignore
        if ($emulator) { $emulator | Stop-WireScimEmulator }
    }

    It 'refuses a field that fits alone but not with the fields Wire already has, and sends no PUT' {
        Reset-WireScimEmulatorStats -Emulator $emulator
        $failed = $null
        Set-WireScimUser -Id $user.Id -RichInfo @{ Projects = 'p' * 1000 } -ErrorVariable failed -ErrorAction SilentlyContinue

        @($failed).Count | Should -Be 1
        $failed[0].FullyQualifiedErrorId | Should -BeLike 'WireScim.RichInfoTooLarge,*'
        $failed[0].Exception.Message | Should -Match '5000'
        $failed[0].Exception.Message | Should -Match 'rich.merge'
        Get-RouteCount $emulator 'PUT /scim/v2/Users/{id}', 'PATCH /scim/v2/Users/{id}' | Should -Be 0
        $stored = Get-StoredRichInfo $emulator $user.Id
        $stored.Biography.Length | Should -Be 3000
        $stored.PSObject.Properties.Name | Should -Not -Contain 'Projects'
    }

    It 'sends the change once an emptied field makes room' {
        $result = Set-WireScimUser -Id $user.Id -RichInfo @{ Projects = 'p' * 1000; Notes = '' } -PassThru
        $result.RichInfo['Projects'].Length | Should -Be 1000
        $stored = Get-StoredRichInfo $emulator $user.Id
        $stored.Projects.Length | Should -Be 1000
        $stored.Biography.Length | Should -Be 3000
        $stored.PSObject.Properties.Name | Should -Not -Contain 'Notes'
    }
}

Describe 'A connection carries the instance''s own rich-info limit' {
    BeforeAll {
        $emulator = Start-WireScimEmulator -ArgumentList '--scim-token', $token, '--rich-info-limit', '100'
        $connection = Connect-WireScim -Uri $emulator.ScimUri -Token $secureToken -RichInfoLimit 100 -PassThru
    }
    AfterAll {
        Disconnect-WireScim -ErrorAction Ignore
        if ($emulator) { $emulator | Stop-WireScimEmulator }
    }

    It 'shows the limit on the connection' {
        $connection.RichInfoLimit | Should -Be 100
        (Get-WireScimConnection).RichInfoLimit | Should -Be 100
    }

    It 'refuses rich info over that limit offline, lets the other rows through, and sends only theirs' {
        Reset-WireScimEmulatorStats -Emulator $emulator
        $rows = @(
            [pscustomobject]@{ UserName = 'small.one'; DisplayName = 'Small One'; ExternalId = 'small.one@example.com'; Title = 't' * 50 }
            [pscustomobject]@{ UserName = 'large.one'; DisplayName = 'Large One'; ExternalId = 'large.one@example.com'; Title = 't' * 150 }
        )
        $failed = $null
        $created = @($rows | New-WireScimUser -RichInfoProperty Title -ErrorVariable failed -ErrorAction SilentlyContinue)

        $created.UserName | Should -Be 'small.one'
        @($failed).Count | Should -Be 1
        $failed[0].FullyQualifiedErrorId | Should -BeLike 'WireScim.RichInfoTooLarge,*'
        $failed[0].Exception.Message | Should -Match 'Row 2'
        $failed[0].Exception.Message | Should -Match 'at most 100'
        Get-RouteCount $emulator 'POST /scim/v2/Users' | Should -Be 1
    }

    It 'Test-WireScimUser applies the connected limit too' {
        $result = [pscustomobject]@{ UserName = 'large.two'; DisplayName = 'Large Two'; ExternalId = 'large.two@example.com'; Title = 't' * 150 } |
            Test-WireScimUser -RichInfoProperty Title
        $result.IsValid | Should -BeFalse
        $result.Problems[0].ErrorId | Should -Be 'WireScim.RichInfoTooLarge'
        $result.Problems[0].Message | Should -Match 'at most 100'
    }
}

Describe 'Sync-WireScimUser checks the rich info a user would end up with' {
    BeforeAll {
        $emulator = Start-WireScimEmulator -ArgumentList '--scim-token', $token
        $null = Connect-WireScim -Uri $emulator.ScimUri -Token $secureToken
        $statePath = Join-Path $TestDrive 'rich.state.json'
        $first = [pscustomobject]@{ UserName = 'rich.sync'; DisplayName = 'Rich Sync'; ExternalId = 'rich.sync@example.com'; Biography = 'b' * 3000; Projects = '' }
        $null = $first | Sync-WireScimUser -StatePath $statePath -RichInfoProperty Biography, Projects -InformationAction Ignore
    }
    AfterAll {
        Disconnect-WireScim -ErrorAction Ignore
        if ($emulator) { $emulator | Stop-WireScimEmulator }
    }

    It 'refuses a new field that takes the remembered set over the limit, without a PATCH' {
        Reset-WireScimEmulatorStats -Emulator $emulator
        # The row gives only the new field (2,508 characters): fine alone, over 5,000 with the Biography Wire keeps.
        $row = [pscustomobject]@{ UserName = 'rich.sync'; DisplayName = 'Rich Sync'; ExternalId = 'rich.sync@example.com'; Projects = 'p' * 2500 }
        $failed = $null
        $result = $row | Sync-WireScimUser -StatePath $statePath -RichInfoProperty Projects -InformationAction Ignore -ErrorVariable failed -ErrorAction SilentlyContinue

        $result.Action | Should -Be 'Failed'
        $result.ErrorId | Should -Be 'WireScim.RichInfoTooLarge'
        @($failed).Count | Should -Be 1
        Get-RouteCount $emulator 'PUT /scim/v2/Users/{id}', 'PATCH /scim/v2/Users/{id}' | Should -Be 0
    }
}
